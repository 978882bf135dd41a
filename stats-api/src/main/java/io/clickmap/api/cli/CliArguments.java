package io.clickmap.api.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s after a command; anything unexpected is a usage error. */
final class CliArguments {
    private final Map<String, String> options = new HashMap<>();

    CliArguments(List<String> args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name != null && name.contains("=")) {
                String[] pair = name.split("=", 2);
                name = pair[0];
                if (!valued.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
                options.put(name, pair[1]);
            } else if (name != null && valued.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                options.put(name, args.get(++i));
            } else if (name != null && flags.contains(name)) {
                options.put(name, "true");
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
        }
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value.strip();
    }

    String optional(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** A command line that cannot be carried out; the message says why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
