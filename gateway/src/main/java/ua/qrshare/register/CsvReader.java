package ua.qrshare.register;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 defines it, one record at a time: fields separated by commas, records by CRLF or LF; a field
 * in double quotes may hold commas, line breaks and doubled quotes. A record that breaks the rules comes back with
 * an error instead of fields, and reading resumes on the next line, so one bad line does not hide the rest.
 */
final class CsvReader {

    private static final int EOF = -1;

    private final PushbackReader in;
    private int line = 1;

    CsvReader(Reader in) {
        this.in = new PushbackReader(in, 1);
    }

    /**
     * @param line   the line the record starts on, counting from 1
     * @param fields the fields, or empty when {@code error} is set
     */
    record Row(int line, List<String> fields, String error) {}

    /** The next record, skipping blank lines; {@code null} at the end of the input. */
    Row next() throws IOException {
        while (true) {
            int c = in.read();
            if (c == EOF) {
                return null;
            }
            if (c == '\n' || c == '\r' && skipLineFeed()) {
                line++;
                continue;
            }
            in.unread(c);
            return record();
        }
    }

    private Row record() throws IOException {
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            int c = in.read();
            if (c == '"' && field.isEmpty() && !quoted) {
                quoted = true;
                String error = quotedField(field);
                if (error != null) {
                    return failed(start, error);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == EOF || c == '\n' || c == '\r' && skipLineFeed()) {
                fields.add(field.toString());
                if (c != EOF) {
                    line++;
                }
                return new Row(start, fields, null);
            } else if (quoted) {
                return failed(start, "text after the closing quote of a field");
            } else if (c == '"') {
                return failed(start, "a quote inside a field that does not start with one");
            } else {
                field.append((char) c);
            }
        }
    }

    /** Reads a quoted field's content up to its closing quote; an error message when the input ends first. */
    private String quotedField(StringBuilder field) throws IOException {
        while (true) {
            int c = in.read();
            if (c == EOF) {
                return "a quoted field is not closed";
            }
            if (c == '"') {
                int next = in.read();
                if (next != '"') {
                    if (next != EOF) {
                        in.unread(next);
                    }
                    return null;
                }
            } else if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private Row failed(int start, String error) throws IOException {
        skipRestOfLine();
        return new Row(start, List.of(), error);
    }

    private void skipRestOfLine() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c != EOF && c != '\n' && !(c == '\r' && skipLineFeed()));
        if (c != EOF) {
            line++;
        }
    }

    /** After a CR: consumes the LF of a CRLF. A lone CR ends a line too (old Mac files). */
    private boolean skipLineFeed() throws IOException {
        int next = in.read();
        if (next != '\n' && next != EOF) {
            in.unread(next);
        }
        return true;
    }
}
