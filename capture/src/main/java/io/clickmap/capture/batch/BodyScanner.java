package io.clickmap.capture.batch;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pass over a decoded body: checks that it is JSON (RFC 8259, strict UTF-8, and the nesting, number and
 * name bounds of the Jackson parser ingest reads events with, so that whatever passes here also parses there),
 * reads the few fields capture needs and, in the same pass, writes the body escaped as the content of a JSON
 * string, the form each event takes in its envelope's {@code data}. Nothing else is decoded: posthog-js puts
 * {@code token} and {@code distinct_id} among 30–40 properties, and a general tokenizer spent most of its time on
 * the rest. Strings, most of a posthog-js event, are crossed eight bytes at a time up to the next quote, backslash,
 * control or non-ASCII byte; together with escaping in this pass instead of a second loop over each event, that took
 * reading a batch of 50 clicks from 146 to 87 µs (BENCHMARKS.md, Capture).
 */
final class BodyScanner {
    private static final StreamReadConstraints INGEST_LIMITS = StreamReadConstraints.defaults();
    private static final byte PLAIN = 0;
    private static final byte QUOTE = 1;
    private static final byte BACKSLASH = 2;
    private static final byte CONTROL = 3;
    private static final byte NON_ASCII = 4;
    /** What each byte is inside a string. */
    private static final byte[] IN_STRING = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            IN_STRING[b] = CONTROL;
        }
        for (int b = 0x80; b < 0x100; b++) {
            IN_STRING[b] = NON_ASCII;
        }
        IN_STRING['"'] = QUOTE;
        IN_STRING['\\'] = BACKSLASH;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle PAIRS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Three backslashes, the low bytes of a little-endian int; the escaped quote or backslash goes in the high byte. */
    private static final int ESCAPED_PAIR = 0x5C5C5C;
    /**
     * Each request thread's buffer for the escaped body, kept for bodies as large as posthog-js sends (a batch of
     * 50 clicks is about 75 KB): allocating and zeroing it for every request cost a fifth of the scan's time.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);
    private static final int MAX_KEPT_SCRATCH = 256 << 10;
    /** What the string loop keeps free ahead of it: a word, and the seven bytes an escape sequence may become. */
    private static final int STRING_ROOM = 24;
    private final byte[] json;
    private int at;
    private int depth;
    /**
     * The body escaped up to {@link #copied}: quotes and backslashes with a backslash before them, the tab, CR
     * and LF between tokens as {@code \\u00XX}, every other byte as it is.
     */
    private byte[] escaped;
    private int written;
    private int copied;
    /** A batch object's own {@code api_key}/{@code token} and {@code sent_at}. */
    private String batchToken;
    private String sentAt;
    /** The content of the string scanned last, and whether it held an escape sequence. */
    private int stringFrom;
    private int stringTo;
    private boolean stringEscaped;

    /**
     * What the body holds: its events in order, and the batch's own {@code api_key}/{@code token} and
     * {@code sent_at}; {@code escaped} holds each event's escaped bytes where its {@link EventFields} say, in a
     * buffer the thread reuses: read it before the thread scans another body.
     */
    record Body(List<EventFields> events, String batchToken, String sentAt, byte[] escaped) {
    }

    private BodyScanner(byte[] json) {
        this.json = json;
        // a quote or backslash every few bytes adds about a fifth; more grows the buffer
        int expected = json.length + json.length / 4 + STRING_ROOM;
        byte[] scratch = SCRATCH.get();
        if (scratch.length < expected) {
            scratch = new byte[expected];
            if (expected <= MAX_KEPT_SCRATCH) {
                SCRATCH.set(scratch);
            }
        }
        this.escaped = scratch;
    }

    static Body scan(byte[] json) {
        return new BodyScanner(json).body();
    }

    private Body body() {
        List<EventFields> events = new ArrayList<>();
        if (json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF) {
            at = 3; // a UTF-8 byte order mark, which Jackson skips too
            copied = 3;
        }
        skipWhitespace();
        int first = peek();
        if (first == '[') {
            depth++;
            events(events);
            depth--;
        } else if (first == '{') {
            topObject(events);
        } else {
            throw Rejection.undecodable("The body must be a JSON event, an array of events or {\"batch\": [...]}.");
        }
        skipWhitespace();
        if (at < json.length) {
            throw invalid("text after the body's JSON");
        }
        // built last: escaping whitespace after the body may still have replaced the buffer
        return new Body(events, batchToken, sentAt, escaped);
    }

    /** A body that is an object: {@code {"batch": [...]}} with the batch's fields, or a single event. */
    private void topObject(List<EventFields> events) {
        EventFields top = new EventFields();
        start(top);
        boolean batch = false;
        enter();
        if (!endOf('}')) {
            do {
                skipWhitespace();
                int name = name();
                colon();
                if (name == Name.BATCH && peek() == '[') {
                    batch = true;
                    depth++;
                    events(events);
                    depth--;
                } else if (name == Name.SENT_AT && peek() == '"') {
                    string();
                    sentAt = stringValue();
                } else {
                    eventField(top, name);
                }
                skipWhitespace();
            } while (nextMember('}'));
        }
        leave();
        end(top);
        if (batch) {
            batchToken = top.ownToken;
        } else {
            events.add(top);
        }
    }

    /** The events of an array, at its opening bracket. */
    private void events(List<EventFields> events) {
        at++;
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return;
        }
        do {
            skipWhitespace();
            if (peek() != '{') {
                throw Rejection.invalidEvent("Event " + events.size() + " is not a JSON object.");
            }
            if (events.size() == CaptureLimits.MAX_EVENTS) {
                throw Rejection.tooLarge("too_many_events", "A request may carry at most " + CaptureLimits.MAX_EVENTS + " events.");
            }
            events.add(event());
            skipWhitespace();
        } while (nextMember(']'));
    }

    private EventFields event() {
        EventFields event = new EventFields();
        start(event);
        enter();
        if (!endOf('}')) {
            do {
                skipWhitespace();
                int name = name();
                colon();
                eventField(event, name);
                skipWhitespace();
            } while (nextMember('}'));
        }
        leave();
        end(event);
        return event;
    }

    private void start(EventFields event) {
        copyUpTo(at);
        event.escapedFrom = written;
    }

    private void end(EventFields event) {
        copyUpTo(at);
        event.escapedTo = written;
    }

    /** Copies the body's bytes from {@link #copied} up to {@code end}, which hold no string and no whitespace escaped. */
    private void copyUpTo(int end) {
        int length = end - copied;
        ensureRoom(written, Math.max(length, 8));
        if (length <= 8 && copied + 8 <= json.length) {
            // mostly a colon or a comma between two strings: one word, not a call to arraycopy
            WORDS.set(escaped, written, (long) WORDS.get(json, copied));
        } else {
            System.arraycopy(json, copied, escaped, written, length);
        }
        written += length;
        copied = end;
    }

    /** The value of one of an event's top-level fields, at its first byte. */
    private void eventField(EventFields event, int name) {
        int value = peek();
        switch (name) {
            case Name.EVENT -> event.event = value == '"' ? nextString() : skipValueGivingNull();
            case Name.UUID -> {
                event.uuid = value == '"' ? nextString() : skipValueGivingNull();
                event.uuidMalformed = value != '"' && !isNull(value);
            }
            case Name.DISTINCT_ID -> {
                boolean nullValue = isNull(value);
                event.distinctId = id();
                event.distinctIdMalformed = event.distinctId == null && !nullValue;
            }
            case Name.TOKEN, Name.API_KEY -> {
                String token = value == '"' ? nextString() : skipValueGivingNull();
                if (token != null && !token.isBlank() && event.ownToken == null) {
                    event.ownToken = token;
                }
            }
            case Name.PROPERTIES -> properties(event);
            default -> skipValue();
        }
    }

    private void properties(EventFields event) {
        int value = peek();
        if (value != '{') {
            event.propertiesMalformed = !isNull(value);
            skipValue();
            return;
        }
        enter();
        if (!endOf('}')) {
            do {
                skipWhitespace();
                int name = name();
                colon();
                if (name == Name.TOKEN && peek() == '"') {
                    String token = nextString();
                    if (!token.isBlank()) {
                        event.propertiesToken = token;
                    }
                } else if (name == Name.DISTINCT_ID) {
                    event.propertiesDistinctId = id();
                } else {
                    skipValue();
                }
                skipWhitespace();
            } while (nextMember('}'));
        }
        leave();
    }

    /** A distinct id as text: a non-empty string, or an integer's digits as ingest writes them (-0 is 0); null otherwise. */
    private String id() {
        int value = peek();
        if (value == '"') {
            String id = nextString();
            return id.isEmpty() ? null : id;
        }
        if (value == '-' || value >= '0' && value <= '9') {
            int from = at;
            boolean integer = number();
            return integer ? new BigInteger(new String(json, from, at - from, StandardCharsets.US_ASCII)).toString() : null;
        }
        skipValue();
        return null;
    }

    private void skipValue() {
        int value = peek();
        switch (value) {
            case '"' -> string();
            case '{' -> {
                enter();
                if (!endOf('}')) {
                    do {
                        skipWhitespace();
                        name();
                        colon();
                        skipValue();
                        skipWhitespace();
                    } while (nextMember('}'));
                }
                leave();
            }
            case '[' -> {
                enter();
                if (!endOf(']')) {
                    do {
                        skipWhitespace();
                        skipValue();
                        skipWhitespace();
                    } while (nextMember(']'));
                }
                leave();
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (value == '-' || value >= '0' && value <= '9') {
                    number();
                } else {
                    throw unexpected("a value");
                }
            }
        }
    }

    private String skipValueGivingNull() {
        skipValue();
        return null;
    }

    private boolean isNull(int value) {
        return value == 'n';
    }

    /** At an object's or array's opening byte: steps over it, bounded as Jackson bounds nesting. */
    private void enter() {
        if (++depth > INGEST_LIMITS.getMaxNestingDepth()) {
            throw invalid("nested deeper than " + INGEST_LIMITS.getMaxNestingDepth() + " levels");
        }
        at++;
        skipWhitespace();
    }

    private void leave() {
        depth--;
    }

    /** Whether the container ends right here (it is empty), stepping over its closing byte. */
    private boolean endOf(char close) {
        if (peek() == close) {
            at++;
            return true;
        }
        return false;
    }

    /** After a member or element: true at a comma (stepped over), false at the closing byte (stepped over). */
    private boolean nextMember(char close) {
        int next = peek();
        if (next == ',') {
            at++;
            return true;
        }
        if (next == close) {
            at++;
            return false;
        }
        throw unexpected("',' or '" + close + "'");
    }

    private void colon() {
        skipWhitespace();
        if (peek() != ':') {
            throw unexpected("':'");
        }
        at++;
        skipWhitespace();
    }

    /** A member's name, as one of the {@link Name}s capture reads or {@link Name#OTHER}. */
    private int name() {
        if (peek() != '"') {
            throw unexpected("a field name");
        }
        string();
        int length = stringTo - stringFrom;
        if (length > INGEST_LIMITS.getMaxNameLength()) {
            throw invalid("a field name longer than " + INGEST_LIMITS.getMaxNameLength() + " bytes");
        }
        return stringEscaped ? Name.of(stringValue()) : Name.of(json, stringFrom, length);
    }

    private String nextString() {
        string();
        return stringValue();
    }

    /** Steps over a string at its opening quote, checking its escapes and its UTF-8, and escapes it. */
    private void string() {
        copyUpTo(at);
        int o = written;
        byte[] out = ensureRoom(o, STRING_ROOM);
        out[o++] = '\\';
        out[o++] = '"';
        int i = at + 1;
        stringFrom = i;
        stringEscaped = false;
        while (true) {
            if (out.length - o < STRING_ROOM) {
                out = ensureRoom(o, STRING_ROOM);
            }
            // eight bytes at a time up to the next byte that is not plain, leaving room for what that becomes
            while (i + 8 <= json.length && o + 16 <= out.length) {
                long word = (long) WORDS.get(json, i);
                WORDS.set(out, o, word);
                long special = notPlain(word);
                if (special != 0) {
                    int plain = Long.numberOfTrailingZeros(special) >>> 3;
                    i += plain;
                    o += plain;
                    break;
                }
                i += 8;
                o += 8;
            }
            if (i >= json.length) {
                throw invalid("a string without its closing quote");
            }
            byte b = json[i];
            byte kind = IN_STRING[b & 0xff];
            if (kind == PLAIN) {
                out[o++] = b;
                i++;
            } else if (kind == QUOTE) {
                break;
            } else if (kind == BACKSLASH) {
                stringEscaped = true;
                byte escapedByte = i + 1 < json.length ? json[i + 1] : 0;
                if (escapedByte == '"' || escapedByte == '\\') {
                    // \" and \\, which posthog-js's elements chains are full of: four bytes, \\\" or \\\\, in one store
                    PAIRS.set(out, o, ESCAPED_PAIR | (escapedByte & 0xff) << 24);
                    o += 4;
                    i += 2;
                } else {
                    int next = escapeSequence(i);
                    out[o++] = '\\';
                    out[o++] = '\\';
                    for (int k = i + 1; k < next; k++) {
                        out[o++] = json[k];
                    }
                    i = next;
                }
            } else if (kind == NON_ASCII) {
                int next = utf8Sequence(i, b & 0xff);
                for (int k = i; k < next; k++) {
                    out[o++] = json[k];
                }
                i = next;
            } else {
                at = i;
                throw invalid("an unescaped control character in a string");
            }
        }
        out[o++] = '\\';
        out[o++] = '"';
        stringTo = i;
        at = i + 1;
        copied = at;
        written = o;
    }

    /**
     * The bytes of a little-endian word that are not plain in a string, each as its high bit; exact for the
     * lowest such byte (higher ones may be flagged falsely by a borrow, which only the lowest is used for).
     */
    private static long notPlain(long word) {
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        long zeroQuote = (quote - 0x0101010101010101L) & ~quote;
        long zeroBackslash = (backslash - 0x0101010101010101L) & ~backslash;
        long control = (word - 0x2020202020202020L) & ~word;
        return (zeroQuote | zeroBackslash | control | word) & 0x8080808080808080L;
    }

    /** At a backslash: the position after its escape sequence. */
    private int escapeSequence(int i) {
        if (i + 1 >= json.length) {
            at = i;
            throw invalid("a string without its closing quote");
        }
        switch (json[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                for (int h = i + 2; h < i + 6; h++) {
                    if (h >= json.length || Character.digit(json[h], 16) < 0) {
                        at = i;
                        throw invalid("a \\u escape without four hex digits");
                    }
                }
                return i + 6;
            }
            default -> {
                at = i;
                throw invalid("an unknown escape sequence");
            }
        }
    }

    /** At a byte of 0x80 or more: the position after its UTF-8 sequence, which must be well formed (RFC 3629). */
    private int utf8Sequence(int i, int lead) {
        int length;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            at = i;
            throw invalid("a byte that is not UTF-8");
        }
        if (i + length > json.length) {
            at = i;
            throw invalid("a UTF-8 sequence cut short");
        }
        int code = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int next = json[i + k] & 0xff;
            if ((next & 0xC0) != 0x80) {
                at = i;
                throw invalid("a byte that is not UTF-8");
            }
            code = code << 6 | next & 0x3F;
        }
        if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
            at = i;
            throw invalid("a byte that is not UTF-8");
        }
        return i + length;
    }

    /** The string scanned last, decoded. */
    private String stringValue() {
        if (!stringEscaped) {
            return new String(json, stringFrom, stringTo - stringFrom, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(stringTo - stringFrom);
        int run = stringFrom;
        int i = stringFrom;
        while (i < stringTo) {
            if (json[i] != '\\') {
                i++;
                continue;
            }
            text.append(new String(json, run, i - run, StandardCharsets.UTF_8));
            byte escaped = json[i + 1];
            switch (escaped) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> text.append((char) Integer.parseInt(new String(json, i + 2, 4, StandardCharsets.US_ASCII), 16));
                default -> text.append((char) escaped);
            }
            i += escaped == 'u' ? 6 : 2;
            run = i;
        }
        return text.append(new String(json, run, stringTo - run, StandardCharsets.UTF_8)).toString();
    }

    /** Steps over a number (RFC 8259's grammar); whether it is an integer. */
    private boolean number() {
        int from = at;
        if (peek() == '-') {
            at++;
        }
        int digits = digits();
        if (digits == 0 || digits > 1 && json[at - digits] == '0') {
            throw invalid("a malformed number");
        }
        boolean integer = true;
        if (peek() == '.') {
            at++;
            integer = false;
            if (digits() == 0) {
                throw invalid("a malformed number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            integer = false;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (digits() == 0) {
                throw invalid("a malformed number");
            }
        }
        if (at - from > INGEST_LIMITS.getMaxNumberLength()) {
            at = from;
            throw invalid("a number longer than " + INGEST_LIMITS.getMaxNumberLength() + " characters");
        }
        return integer;
    }

    private int digits() {
        int from = at;
        while (at < json.length && json[at] >= '0' && json[at] <= '9') {
            at++;
        }
        return at - from;
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (at + k >= json.length || json[at + k] != word.charAt(k)) {
                throw unexpected("a value");
            }
        }
        at += word.length();
    }

    private void skipWhitespace() {
        while (at < json.length) {
            byte b = json[at];
            if (b == ' ') {
                at++;
            } else if (b == '\n' || b == '\r' || b == '\t') {
                escapeWhitespace(b);
                at++;
            } else {
                return;
            }
        }
    }

    /** The escaped body's buffer with room for {@code bytes} after {@code end}, grown by half at least when it has not. */
    private byte[] ensureRoom(int end, int bytes) {
        if (escaped.length - end < bytes) {
            escaped = Arrays.copyOf(escaped, Math.max(end + bytes, escaped.length + escaped.length / 2));
        }
        return escaped;
    }

    /** A tab, CR or LF between tokens, at {@link #at}: six bytes where one was. */
    private void escapeWhitespace(byte control) {
        copyUpTo(at);
        ensureRoom(written, 6);
        escaped[written] = '\\';
        escaped[written + 1] = 'u';
        escaped[written + 2] = '0';
        escaped[written + 3] = '0';
        escaped[written + 4] = HEX[control >> 4];
        escaped[written + 5] = HEX[control & 0xf];
        written += 6;
        copied = at + 1;
    }

    private int peek() {
        return at < json.length ? json[at] & 0xff : -1;
    }

    private Rejection unexpected(String wanted) {
        return invalid(at >= json.length ? "it ends where " + wanted + " should follow" : wanted + " expected");
    }

    private Rejection invalid(String what) {
        return Rejection.undecodable("The body is not valid JSON: " + what + " at byte " + at + ".");
    }

    /** The member names capture reads, recognised from their bytes without making strings of the others. */
    private static final class Name {
        static final int OTHER = 0;
        static final int EVENT = 1;
        static final int UUID = 2;
        static final int DISTINCT_ID = 3;
        static final int TOKEN = 4;
        static final int API_KEY = 5;
        static final int PROPERTIES = 6;
        static final int BATCH = 7;
        static final int SENT_AT = 8;
        private static final String[] NAMES = {null, "event", "uuid", "distinct_id", "token", "api_key", "properties", "batch", "sent_at"};
        private static final byte[][] BYTES = new byte[NAMES.length][];

        static {
            for (int n = 1; n < NAMES.length; n++) {
                BYTES[n] = NAMES[n].getBytes(StandardCharsets.US_ASCII);
            }
        }

        static int of(byte[] json, int from, int length) {
            for (int n = 1; n < BYTES.length; n++) {
                byte[] name = BYTES[n];
                // the first byte first: all but a few of posthog-js's 30–40 names differ there or in length
                if (name.length == length && json[from] == name[0] && Arrays.equals(json, from, from + length, name, 0, length)) {
                    return n;
                }
            }
            return OTHER;
        }

        static int of(String decoded) {
            for (int n = 1; n < NAMES.length; n++) {
                if (NAMES[n].equals(decoded)) {
                    return n;
                }
            }
            return OTHER;
        }
    }
}
