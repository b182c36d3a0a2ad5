package live.catwalk.bootstrap.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange on a connection of its own ({@code Connection: close}), read only as far as its caller
 * wants, so that a client can hang up at any point; no read waits past the exchange's deadline (then
 * {@link Overdue}). Not thread-safe: one exchange, one thread.
 */
public final class RawHttp implements AutoCloseable {

    /** The exchange's deadline passed before what was asked for arrived: a hung request. */
    public static final class Overdue extends IOException {
        Overdue(String what) {
            super(what);
        }
    }

    /** One server-sent event: its id (null if none) and its data lines joined. */
    public record Event(String id, String data) {
    }

    /** As a declared length: send the body chunked, declaring none. */
    public static final long CHUNKED = -2;
    private static final int MAX_BODY = 4 << 20;

    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream raw;
    private final long deadline;
    private int status = -1;
    private final Map<String, String> headers = new HashMap<>();
    private InputStream body;

    private RawHttp(Socket socket, long deadline) throws IOException {
        this.socket = socket;
        this.raw = new BufferedInputStream(socket.getInputStream());
        this.deadline = deadline;
    }

    /** Connects to {@code base}'s host and port; everything after must be done within {@code within}. */
    public static RawHttp open(URI base, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) within.toMillis());
            return new RawHttp(socket, deadline);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Writes the request: {@code declaredLength} is its Content-Length (-1: none), of which only {@code body} is sent
     * (all of it, unless the caller means to send less than it declared); {@link #CHUNKED}: all of it, chunked.
     */
    public void send(String method, String target, String host, Map<String, String> fields, byte[] body,
                     long declaredLength) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\nConnection: close\r\n");
        fields.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (declaredLength >= 0) {
            head.append("Content-Length: ").append(declaredLength).append("\r\n");
        } else if (declaredLength == CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && declaredLength == CHUNKED) {
            for (int at = 0; at < body.length; at += 8192) {
                int n = Math.min(8192, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write(CRLF);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** The status code, reading the response's head first if need be. */
    public int status() throws IOException {
        if (status < 0) {
            String line = line(raw);
            if (line == null || !line.startsWith("HTTP/1.1 ") || line.length() < 12) {
                throw new IOException("no status line but: " + line);
            }
            status = Integer.parseInt(line.substring(9, 12));
            for (String field = line(raw); field != null && !field.isEmpty(); field = line(raw)) {
                int colon = field.indexOf(':');
                if (colon > 0) {
                    headers.put(field.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            field.substring(colon + 1).strip());
                }
            }
            boolean chunked = header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                    .orElse(false);
            long length = header("Content-Length").map(Long::parseLong).orElse(-1L);
            body = chunked ? new Chunked(raw) : length >= 0 ? new Bounded(raw, length) : raw;
        }
        return status;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether the answer is an event stream. */
    public boolean isStream() throws IOException {
        status();
        return header("Content-Type").orElse("").startsWith("text/event-stream");
    }

    /** The whole body as text (at most 4 MiB). */
    public String body() throws IOException {
        status();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = read(buffer); n >= 0; n = read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY) {
                throw new IOException("body over " + MAX_BODY + " bytes");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The stream's next event (comments skipped), or empty at its end. */
    public Optional<Event> nextEvent() throws IOException {
        status();
        String id = null;
        StringBuilder data = null;
        for (String line = line(body); line != null; line = line(body)) {
            if (line.isEmpty()) {
                if (data != null || id != null) {
                    return Optional.of(new Event(id, data == null ? "" : data.toString()));
                }
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // hanging up is all that was asked
        }
    }

    private int read(byte[] buffer) throws IOException {
        arm();
        try {
            return body.read(buffer);
        } catch (java.net.SocketTimeoutException e) {
            throw new Overdue("no answer by the deadline");
        }
    }

    /** Sets the socket's read timeout to what is left of the deadline, or fails when nothing is. */
    private void arm() throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new Overdue("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    /** A line of {@code in} without its CR LF, or null at the end; never past the deadline. */
    private String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            arm();
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                throw new Overdue("no answer by the deadline");
            }
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /** A body of a known length. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            left = b < 0 ? 0 : left - 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            left = n < 0 ? 0 : left - n;
            return n;
        }
    }

    /** A chunked body, de-chunked. */
    private final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size != null && size.isEmpty()) {
                    size = line(in); // the CR LF that ended the previous chunk
                }
                if (size == null) {
                    ended = true;
                    return -1;
                }
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, left));
            } catch (java.net.SocketTimeoutException e) {
                throw new Overdue("no answer by the deadline");
            }
            if (n < 0) {
                ended = true;
                return -1;
            }
            left -= n;
            return n;
        }
    }
}
