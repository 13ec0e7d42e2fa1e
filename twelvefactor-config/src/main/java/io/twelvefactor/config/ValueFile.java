package io.twelvefactor.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file holding one value: what {@code X_FILE} names, and each file of a config tree. Apart
 * from {@link Binding}, so that a bind reading no file never loads this class and the
 * exception types it catches.
 */
final class ValueFile {
    /** Returned by {@link #readSmall} for a file larger than 1 MiB; compared by identity. */
    static final String TOO_LARGE = new String("too large");

    private ValueFile() {
    }

    /**
     * The content of the file {@code file} that variable {@code fileName} names, or null after
     * recording the problem with it in {@code binding}.
     */
    static String read(Binding binding, String file, String fileName) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            binding.problem(fileName, binding.sourceOf(fileName), "is not a file path: " + e.getReason());
            return null;
        }
        String source = "file " + path + " (" + fileName + ")";
        try {
            String content = readSmall(path);
            if (content != TOO_LARGE) {
                return content;
            }
            binding.problem(fileName, source, "names a file larger than 1 MiB; expected a small secret file");
        } catch (NoSuchFileException e) {
            binding.problem(fileName, source, "names a file that does not exist");
        } catch (AccessDeniedException e) {
            binding.problem(fileName, source, "names a file this process may not read");
        } catch (CharacterCodingException e) {
            binding.problem(fileName, source, "names a file that is not valid UTF-8");
        } catch (IOException e) {
            binding.problem(fileName, source, "names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    /**
     * The content of a file holding one value: UTF-8, at most 1 MiB, one trailing {@code \n}
     * or {@code \r\n} removed; or {@link #TOO_LARGE}. Shared by {@code X_FILE} and config trees.
     */
    static String readSmall(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(Binding.MAX_FILE_SIZE + 1);
            if (bytes.length > Binding.MAX_FILE_SIZE) {
                return TOO_LARGE;
            }
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(bytes, end))).toString();
        }
    }
}
