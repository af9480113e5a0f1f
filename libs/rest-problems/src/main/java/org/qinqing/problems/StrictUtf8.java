package org.qinqing.problems;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a JSON body that is not well-formed UTF-8 before it is read. Jackson's own decoder stops at most bad
 * bytes but decodes an overlong form (C0 AF as '/'), which fuzzing stored as text (issue 9); the JDK's decoder
 * refuses every malformed sequence. Answered 400 by {@link ProblemMappers#web}.
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
            byte[] body = context.getInputStream().readAllBytes();
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            } catch (CharacterCodingException e) {
                throw new BadRequestException("The request body is not valid UTF-8.");
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }
}
