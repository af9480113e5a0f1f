-- The department sees how the enterprise rated its reply (from intake's rated).
ALTER TABLE assignment ADD COLUMN rating_level varchar(24);
ALTER TABLE assignment ADD COLUMN rating_solved boolean;
