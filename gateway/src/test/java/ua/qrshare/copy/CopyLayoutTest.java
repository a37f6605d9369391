package ua.qrshare.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyLayoutTest {

    static final Typeface REGULAR = Typeface.parse(Typeface.resource("fonts/DejaVuSans.ttf"));

    /** A label on one line keeps a row's label and value together when the copy's text is extracted. */
    @Test
    void everyLabelFitsOneLineOfTheLabelColumn() {
        for (DocumentFields type : DocumentFields.all()) {
            for (DocumentFields.Field field : type.fields()) {
                List<String> lines =
                        CopyLayout.wrap(REGULAR, CopyLayout.LABEL_SIZE, field.labelUk(), CopyLayout.LABEL_WIDTH);
                assertThat(lines).as(field.labelUk()).containsExactly(field.labelUk());
            }
        }
    }

    @Test
    void wrappingBreaksBetweenWordsAndInsideWordsOnlyWhenOneIsTooWide() {
        float width = REGULAR.width("Київська обл.,", 10);
        assertThat(CopyLayout.wrap(REGULAR, 10, "Київська обл., м. Біла Церква", width))
                .containsExactly("Київська обл.,", "м. Біла", "Церква");
        List<String> pieces = CopyLayout.wrap(REGULAR, 10, "1234567890".repeat(10), REGULAR.width("1234567890", 10));
        assertThat(pieces).hasSize(10).allMatch(p -> p.equals("1234567890"));
    }

    @Test
    void printableTextHasOnlyCharactersTheFontCanShow() {
        assertThat(REGULAR.printable("Ім’я\tта\r\nпрізвище\u0007 😀")).isEqualTo("Ім’я та  прізвище ?");
    }
}
