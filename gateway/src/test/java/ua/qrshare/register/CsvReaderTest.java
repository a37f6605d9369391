package ua.qrshare.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void plain_fields_and_both_line_endings() throws IOException {
        List<CsvReader.Row> rows = read("a,b,c\r\n1,2,3\n");
        assertThat(rows)
                .extracting(CsvReader.Row::fields)
                .containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2);
    }

    @Test
    void quoted_fields_hold_commas_doubled_quotes_and_line_breaks() throws IOException {
        List<CsvReader.Row> rows = read("\"ТОВ \"\"Ромашка, Лтд\"\"\",\"two\nlines\",\"\"\nnext,row,here");
        assertThat(rows.get(0).fields()).containsExactly("ТОВ \"Ромашка, Лтд\"", "two\nlines", "");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).fields()).containsExactly("next", "row", "here");
    }

    @Test
    void empty_fields_and_a_last_line_without_a_line_break() throws IOException {
        assertThat(read(",x,\nlast").stream().map(CsvReader.Row::fields))
                .containsExactly(List.of("", "x", ""), List.of("last"));
    }

    @Test
    void blank_lines_are_skipped_but_counted() throws IOException {
        List<CsvReader.Row> rows = read("a\n\n\r\nb\n");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 4);
    }

    @Test
    void a_broken_record_is_reported_and_reading_resumes_on_the_next_line() throws IOException {
        List<CsvReader.Row> rows = read("ok,1\nbad \"quote\",2\n\"closed\"junk,3\nok,4\n\"never closed,5\nrest");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 3, 4, 5);
        assertThat(rows.get(1).error()).isEqualTo("a quote inside a field that does not start with one");
        assertThat(rows.get(2).error()).isEqualTo("text after the closing quote of a field");
        assertThat(rows.get(3).fields()).containsExactly("ok", "4");
        assertThat(rows.get(4).error()).isEqualTo("a quoted field is not closed");
    }

    private static List<CsvReader.Row> read(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text));
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
