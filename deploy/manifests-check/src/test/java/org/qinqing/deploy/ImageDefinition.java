package org.qinqing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/images/Dockerfile.jvm as a list of instructions (continuation lines joined, comments dropped). */
record ImageDefinition(List<Instruction> instructions) {

    static final String PATH = "deploy/images/Dockerfile.jvm";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    record Instruction(String keyword, String arguments) {
    }

    static ImageDefinition read() {
        List<Instruction> instructions = new ArrayList<>();
        try {
            StringBuilder pending = new StringBuilder();
            for (String line : Files.readAllLines(Repository.file(PATH))) {
                String trimmed = line.strip();
                if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                pending.append(trimmed);
                String[] parts = pending.toString().strip().split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
                pending.setLength(0);
            }
            if (!pending.isEmpty()) {
                throw new AssertionError(PATH + " ends inside a continued line");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImageDefinition(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError(PATH + " has no " + keyword);
        }
        return found.get(found.size() - 1);
    }

    /** The environment variables the entrypoint's shell expands (what a Deployment may set for the image). */
    Set<String> environmentVariablesOfEntrypoint() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(last("ENTRYPOINT").arguments());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The build arguments the file declares. */
    Set<String> buildArguments() {
        Set<String> names = new LinkedHashSet<>();
        all("ARG").forEach(arg -> names.add(arg.arguments().split("=", 2)[0].strip()));
        return names;
    }
}
