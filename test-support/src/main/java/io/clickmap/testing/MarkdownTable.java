package io.clickmap.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipe table of a Markdown document, as the READMEs write their configuration tables: a header row, a
 * separator row, one row per line. Tests hold such a table against the code it describes, so a row that does not
 * fit the header, or a table that is not where it was looked for, fails loudly instead of checking nothing.
 */
public record MarkdownTable(List<String> header, List<Map<String, String>> rows) {

    /** The first table of the section that starts with the line {@code heading} (e.g. {@code ## Configuration}). */
    public static MarkdownTable in(Path file, String heading) throws IOException {
        return after(file, heading, heading);
    }

    /** The first table after the first line starting with {@code marker}, within the section {@code heading}. */
    public static MarkdownTable after(Path file, String heading, String marker) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IllegalStateException(file + " has no line " + heading);
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith(level)) {
            end++;
        }
        int line = start;
        while (line < end && !lines.get(line).startsWith(marker)) {
            line++;
        }
        while (line < end && !lines.get(line).startsWith("|")) {
            line++;
        }
        if (line + 1 >= end || !lines.get(line + 1).matches("\\|[-:| ]+\\|")) {
            throw new IllegalStateException(file + " has no table after '" + marker + "' in " + heading);
        }
        List<String> header = cells(lines.get(line));
        List<Map<String, String>> rows = new ArrayList<>();
        for (line += 2; line < end && lines.get(line).startsWith("|"); line++) {
            List<String> cells = cells(lines.get(line));
            if (cells.size() != header.size()) {
                throw new IllegalStateException(file + ": " + cells.size() + " cells where the header has " + header.size() + ": " + lines.get(line));
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return new MarkdownTable(List.copyOf(header), List.copyOf(rows));
    }

    /** The text between a cell's backticks ({@code `KAFKA_TOPIC`} → {@code KAFKA_TOPIC}); null when it is not code. */
    public static String code(String cell) {
        return cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1
                ? cell.substring(1, cell.length() - 1)
                : null;
    }

    /** The cells of one row, trimmed; a {@code |} inside backticks or escaped as {@code \|} belongs to its cell. */
    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inCode = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|' && !inCode) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                inCode ^= c == '`';
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
