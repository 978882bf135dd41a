package io.clickmap.capture.body;

import io.clickmap.capture.errors.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decompression of lz-string's base64 form ({@code compression=lz64}, what older posthog-js versions
 * send): an LZW variant over a bit stream of 6-bit characters, whose dictionary grows by one entry per
 * token. Bounded by output characters so a tiny body cannot expand without end; malformed input is a 400.
 */
final class LzString {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private LzString() {
    }

    static String decompressFromBase64(String input, int maxChars) {
        if (input.isEmpty()) {
            throw Rejection.undecodable("The lz64 body is empty.");
        }
        return new Bits(input).decompress(maxChars);
    }

    /** The 6-bit stream, read most significant bit first, and the decompression state over it. */
    private static final class Bits {
        private final String input;
        private int value;
        private int position = 32;
        private int index;

        Bits(String input) {
            this.input = input;
            this.value = next();
        }

        /** The next character's value; past the end 0, as the reference implementation reads on to its end check. */
        private int next() {
            if (index >= input.length()) {
                index++;
                return 0;
            }
            char c = input.charAt(index++);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw Rejection.undecodable("The lz64 body has a character outside base64: '" + c + "'.");
            }
            return v;
        }

        private int read(int bits) {
            int result = 0;
            for (int power = 1, n = 0; n < bits; n++, power <<= 1) {
                int bit = value & position;
                position >>= 1;
                if (position == 0) {
                    position = 32;
                    value = next();
                }
                if (bit != 0) {
                    result |= power;
                }
            }
            return result;
        }

        String decompress(int maxChars) {
            List<String> dictionary = new ArrayList<>(List.of("0", "1", "2"));
            int enlargeIn = 4;
            int numBits = 3;
            StringBuilder result = new StringBuilder();
            String w;
            switch (read(2)) {
                case 0 -> w = String.valueOf((char) read(8));
                case 1 -> w = String.valueOf((char) read(16));
                default -> {
                    return "";
                }
            }
            dictionary.add(w);
            result.append(w);
            while (true) {
                if (index > input.length()) {
                    throw Rejection.undecodable("The lz64 body ends before its end marker.");
                }
                int code = read(numBits);
                switch (code) {
                    case 0, 1 -> {
                        dictionary.add(String.valueOf((char) read(code == 0 ? 8 : 16)));
                        code = dictionary.size() - 1;
                        enlargeIn--;
                    }
                    case 2 -> {
                        return result.toString();
                    }
                    default -> {
                        // a dictionary index, read below
                    }
                }
                if (enlargeIn == 0) {
                    enlargeIn = 1 << numBits;
                    numBits++;
                }
                String entry;
                if (code < dictionary.size()) {
                    entry = dictionary.get(code);
                } else if (code == dictionary.size()) {
                    entry = w + w.charAt(0);
                } else {
                    throw Rejection.undecodable("The lz64 body refers to a dictionary entry it never defined.");
                }
                if (result.length() + entry.length() > maxChars) {
                    throw Rejection.decodedTooLarge(maxChars);
                }
                result.append(entry);
                dictionary.add(w + entry.charAt(0));
                enlargeIn--;
                w = entry;
                if (enlargeIn == 0) {
                    enlargeIn = 1 << numBits;
                    numBits++;
                }
            }
        }
    }
}
