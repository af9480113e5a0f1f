-- A version bumped by every write to the recipient directory's tables, whatever wrote it: a replica keeps what it
-- read of recipients between transactions and starts over when the version moves (RecipientDirectory).
CREATE TABLE recipient_directory (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version  bigint  NOT NULL
);
INSERT INTO recipient_directory (version) VALUES (0);

CREATE FUNCTION recipient_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE recipient_directory SET version = version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER recipient_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recipient
    FOR EACH STATEMENT EXECUTE FUNCTION recipient_directory_changed();
CREATE TRIGGER recipient_preference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recipient_preference
    FOR EACH STATEMENT EXECUTE FUNCTION recipient_directory_changed();
CREATE TRIGGER webhook_subscription_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON webhook_subscription
    FOR EACH STATEMENT EXECUTE FUNCTION recipient_directory_changed();
