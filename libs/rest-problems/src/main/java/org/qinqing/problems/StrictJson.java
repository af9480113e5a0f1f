package org.qinqing.problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON that means one thing only, found by fuzzing every write endpoint (issue 9):
 * <ul>
 * <li>a field named twice is refused (the parser's duplicate detection); Jackson otherwise keeps the last one,
 * or, for a record's field, fails with a definition error that Quarkus answers with a 500;</li>
 * <li>a string with a control character other than tab, line feed and carriage return is refused (a NUL cannot
 * even be stored in PostgreSQL's text, and none belongs in a grievance).</li>
 * </ul>
 * Both are answered 400 by {@link ProblemMappers#unreadable}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("qinqing-control-characters").addDeserializer(String.class, new Refusing()));
    }

    static boolean forbidden(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f;
    }

    /** Whether the text has a control character no field accepts; for inputs that are not JSON (forms). */
    public static boolean hasControlCharacter(String text) {
        return text != null && text.chars().anyMatch(c -> forbidden((char) c));
    }

    static final class Refusing extends StdScalarDeserializer<String> {

        Refusing() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null) {
                for (int i = 0; i < value.length(); i++) {
                    if (forbidden(value.charAt(i))) {
                        throw InvalidFormatException.from(parser, "control character U+%04X".formatted((int) value.charAt(i)),
                                "U+%04X".formatted((int) value.charAt(i)), String.class);
                    }
                }
            }
            return value;
        }
    }
}
