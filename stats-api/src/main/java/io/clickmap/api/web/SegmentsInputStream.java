package io.clickmap.api.web;

import java.io.InputStream;
import java.util.List;

/** Reads byte segments one after another without joining them: large bodies are streamed, never copied whole. */
final class SegmentsInputStream extends InputStream {
    private final List<byte[]> segments;
    private int segment;
    private int position;

    SegmentsInputStream(List<byte[]> segments) {
        this.segments = segments;
    }

    @Override
    public int read() {
        while (segment < segments.size()) {
            byte[] current = segments.get(segment);
            if (position < current.length) {
                return current[position++] & 0xff;
            }
            segment++;
            position = 0;
        }
        return -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length && segment < segments.size()) {
            byte[] current = segments.get(segment);
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, target, offset + copied, n);
            copied += n;
            position += n;
            if (position == current.length) {
                segment++;
                position = 0;
            }
        }
        return copied == 0 ? -1 : copied;
    }
}
