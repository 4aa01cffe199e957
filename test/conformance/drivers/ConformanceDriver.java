import feishu.errcodes.FeishuApiException;
import feishu.errcodes.FeishuErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java runtime's conformance driver: reads every case of the file named by its argument
 * (see conformance.test.ts) and prints one JSON line per case and variant, through
 * FeishuErrors.parse with byte[] and with String.
 */
public final class ConformanceDriver {
    private ConformanceDriver() {
    }

    private static String fromB64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    /** UTF-16LE code units, kept as they are (a lone surrogate too). */
    private static String utf16le(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length / 2);
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            out.append((char) ((bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8));
        }
        return out.toString();
    }

    private static void string(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String answer(Optional<FeishuApiException> found) {
        if (found.isEmpty()) {
            return "{\"isError\":false}";
        }
        FeishuApiException e = found.get();
        StringBuilder out = new StringBuilder("{\"isError\":true,\"code\":").append(e.code()).append(",\"msg\":");
        string(out, e.msg());
        out.append(",\"httpStatus\":").append(e.httpStatus() == 0 ? "null" : Integer.toString(e.httpStatus()));
        out.append(",\"category\":");
        string(out, e.category().wireName());
        out.append(",\"retryable\":").append(e.retryable()).append(",\"retry\":");
        string(out, e.retry().wireName());
        out.append(",\"retryAfterSeconds\":").append(e.retryAfterSeconds().isPresent() ? Integer.toString(e.retryAfterSeconds().getAsInt()) : "null");
        out.append(",\"module\":");
        string(out, e.info().map(info -> info.module()).orElse(null));
        out.append(",\"known\":").append(e.known());
        out.append(",\"logId\":");
        string(out, e.logId().isEmpty() ? null : e.logId());
        out.append(",\"helpUrls\":[");
        for (int i = 0; i < e.helpUrls().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, e.helpUrls().get(i));
        }
        out.append("],\"permissionViolations\":").append(e.permissionViolations().size());
        out.append(",\"fieldViolations\":").append(e.fieldViolations().size());
        out.append(",\"subCode\":").append(e.subCode() == 0 ? "null" : Integer.toString(e.subCode()));
        out.append(",\"subCodeName\":");
        string(out, e.knownSubCode().map(row -> row.name()).orElse(null));
        out.append('}');
        return out.toString();
    }

    /**
     * Entry point.
     *
     * @param args the cases file
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t", -1);
                int index = Integer.parseInt(fields[0]);
                int status = fields[1].isEmpty() ? 0 : Integer.parseInt(fields[1]);
                String module = fields[2].equals("-") ? null : fromB64(fields[2]);
                Map<String, List<String>> headers = new LinkedHashMap<>();
                if (!fields[3].isEmpty()) {
                    for (String pair : fields[3].split(",")) {
                        String[] parts = pair.split(":", -1);
                        headers.computeIfAbsent(fromB64(parts[0]), name -> new ArrayList<>()).add(fromB64(parts[1]));
                    }
                }
                byte[] body = Base64.getDecoder().decode(fields[4]);
                String text = fields[5].equals("=") ? new String(body, StandardCharsets.UTF_8) : utf16le(Base64.getDecoder().decode(fields[5]));
                String[] endpoint = fields[6].equals("-") ? new String[] {null, null} : fields[6].split(":", -1);
                String method = endpoint[0] == null ? null : fromB64(endpoint[0]);
                String url = endpoint[1] == null ? null : fromB64(endpoint[1]);
                stdout.append("{\"case\":").append(Integer.toString(index)).append(",\"variant\":\"bytes\",\"answer\":")
                    .append(answer(FeishuErrors.parse(status, headers, body, module, method, url))).append("}\n");
                stdout.append("{\"case\":").append(Integer.toString(index)).append(",\"variant\":\"string\",\"answer\":")
                    .append(answer(FeishuErrors.parse(status, headers, text, module, method, url))).append("}\n");
            }
        }
        stdout.flush();
    }
}
