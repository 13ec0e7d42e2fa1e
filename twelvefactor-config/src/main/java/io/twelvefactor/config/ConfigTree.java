package io.twelvefactor.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Mounted config trees: one file per variable, the file name the variable name, as Kubernetes
 * mounts a ConfigMap or Secret volume (and Docker a directory). Read once, when the source is
 * built. Kubernetes writes each version of the volume into a hidden timestamped directory and
 * switches the {@code ..data} symlink to it in one rename; the files beside it are links
 * through {@code ..data}. So when {@code ..data} exists, its target is resolved once and every
 * file is read from there: one consistent version even while the kubelet updates the volume
 * (when that version is removed while it is read, the whole directory is read again). Hidden
 * files (starting with {@code .}), directories and names that are not variable names are
 * ignored. A file's content follows the {@code X_FILE} rules: UTF-8, at most 1 MiB, one
 * trailing newline removed; a file that breaks them is a problem when its variable is read.
 * Earlier directories win over later ones. Immutable once read.
 */
final class ConfigTree {
    private static final int ATTEMPTS = 3;

    final HashMap<String, String> values = new HashMap<>();
    /** The file each value (or error) came from. */
    private final HashMap<String, Path> files = new HashMap<>();
    private final HashMap<Path, Path> directoryOf = new HashMap<>();
    /** Variables whose file could not be read, with the problem. */
    final HashMap<String, String> errors = new HashMap<>();
    final List<ConfigException.Problem> problems = new ArrayList<>();

    private ConfigTree() {
    }

    static ConfigTree read(List<Path> directories) {
        ConfigTree tree = new ConfigTree();
        for (Path directory : directories) {
            tree.readDirectory(directory);
        }
        return tree;
    }

    private void readDirectory(Path directory) {
        String label = "directory " + directory;
        for (int attempt = 1; ; attempt++) {
            HashMap<String, String> read = new HashMap<>();
            HashMap<String, Path> from = new HashMap<>();
            HashMap<String, String> failed = new HashMap<>();
            try {
                Path data = directory.resolve("..data");
                Path source = Files.isDirectory(data) ? data.toRealPath() : directory;
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
                    for (Path file : entries) {
                        String name = file.getFileName().toString();
                        if (name.startsWith(".") || !Names.isValid(name) || Files.isDirectory(file)) {
                            continue;
                        }
                        from.put(name, directory.resolve(name));
                        try {
                            String content = ValueFile.readSmall(file);
                            if (content == ValueFile.TOO_LARGE) {
                                failed.put(name, "is in a file larger than 1 MiB; expected a small file");
                            } else {
                                read.put(name, content);
                            }
                        } catch (NoSuchFileException e) {
                            throw e; // the version went away while being read: read again
                        } catch (CharacterCodingException e) {
                            failed.put(name, "is in a file that is not valid UTF-8");
                        } catch (AccessDeniedException e) {
                            failed.put(name, "is in a file this process may not read");
                        } catch (IOException e) {
                            failed.put(name, "is in a file that cannot be read (" + e.getClass().getSimpleName() + ")");
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                if (attempt < ATTEMPTS && Files.isDirectory(directory)) {
                    continue;
                }
                problems.add(new ConfigException.Problem(directory.toString(), label,
                        Files.isDirectory(directory) ? "changed while it was read; expected a stable directory"
                                : "does not exist; expected a directory with one file per variable"));
                return;
            } catch (IOException e) {
                problems.add(new ConfigException.Problem(directory.toString(), label,
                        "cannot be read (" + e.getClass().getSimpleName() + ")"));
                return;
            }
            for (String name : from.keySet()) {
                if (!files.containsKey(name)) {
                    files.put(name, from.get(name));
                    directoryOf.put(from.get(name), directory);
                    if (read.containsKey(name)) {
                        values.put(name, read.get(name));
                    } else {
                        errors.put(name, failed.get(name));
                    }
                }
            }
            return;
        }
    }

    /** Whether the tree has a file for this variable, readable or not. */
    boolean has(String name) {
        return files.containsKey(name);
    }

    /** {@code file /etc/config/APP_PORT (directory /etc/config)}. */
    String source(String name) {
        Path file = files.get(name);
        return "file " + file + " (directory " + directoryOf.get(file) + ")";
    }
}
