package ua.qrshare.register;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ua.qrshare.secrets.LookupHash;

/**
 * Loads the business register from a CSV file (UTF-8, RFC 4180, header {@value #HEADER}): every valid row is
 * inserted or replaces the row for its EDRPOU, every invalid one is reported with its line and the reason, and
 * nothing is written unless the whole file could be read. Blocking; for the CLI.
 */
public final class RegisterImport implements AutoCloseable {

    public static final String HEADER = "edrpou,name,head_rnokpp,head_name,address";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final int BATCH = 1000;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final CsvReader csv;
    private final BufferedReader reader;

    private RegisterImport(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
        this.csv = new CsvReader(reader);
    }

    /** Why a row was not imported. The reason never quotes the row, which holds a taxpayer number. */
    public record Rejected(int line, String reason) {}

    public record Report(int imported, List<Rejected> rejected) {}

    /** The file cannot be imported at all: missing, unreadable, not UTF-8, or not a register file. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Opens the file and checks its header, before anything touches the database. */
    public static RegisterImport open(Path file) throws Unreadable {
        BufferedReader reader;
        try {
            reader = new BufferedReader(new InputStreamReader(
                    Files.newInputStream(file),
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file: " + file);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
        RegisterImport registerImport = new RegisterImport(file, reader);
        try {
            registerImport.checkHeader();
            return registerImport;
        } catch (Unreadable e) {
            registerImport.close();
            throw e;
        }
    }

    /** Validates every row and writes the valid ones in one transaction. */
    public Report into(Connection connection, LookupHash lookupHash) throws Unreadable, SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Report report = importRows(connection, lookupHash);
            connection.commit();
            return report;
        } catch (Unreadable | SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private Report importRows(Connection connection, LookupHash lookupHash) throws Unreadable, SQLException {
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        List<RegisterEntry> batch = new ArrayList<>();
        int imported = 0;
        for (CsvReader.Row row = nextRow(); row != null; row = nextRow()) {
            if (blank(row)) {
                continue;
            }
            Optional<String> problem = problem(row, firstLineOf);
            if (problem.isPresent()) {
                rejected.add(new Rejected(row.line(), problem.get()));
                continue;
            }
            batch.add(entry(row));
            if (batch.size() == BATCH) {
                imported += Register.write(connection, lookupHash, batch, true);
                batch.clear();
            }
        }
        imported += Register.write(connection, lookupHash, batch, true);
        return new Report(imported, rejected);
    }

    private static Optional<String> problem(CsvReader.Row row, Map<String, Integer> firstLineOf) {
        if (row.error() != null) {
            return Optional.of(row.error());
        }
        if (row.fields().size() != COLUMNS.size()) {
            return Optional.of("expected " + COLUMNS.size() + " fields, found "
                    + row.fields().size());
        }
        RegisterEntry entry = entry(row);
        Optional<String> invalid = entry.problem();
        if (invalid.isPresent()) {
            return invalid;
        }
        Integer first = firstLineOf.putIfAbsent(entry.edrpou(), row.line());
        return first == null ? Optional.empty() : Optional.of("the same EDRPOU as line " + first);
    }

    private static RegisterEntry entry(CsvReader.Row row) {
        List<String> f = row.fields();
        return new RegisterEntry(
                f.get(0).strip(),
                f.get(1).strip(),
                f.get(2).strip(),
                f.get(3).strip(),
                f.get(4).strip());
    }

    /** Spreadsheets export empty rows as a line of commas. */
    private static boolean blank(CsvReader.Row row) {
        return row.error() == null && row.fields().stream().allMatch(String::isBlank);
    }

    private void checkHeader() throws Unreadable {
        CsvReader.Row header = nextRow();
        List<String> names = header == null || header.error() != null
                ? List.of()
                : header.fields().stream()
                        .map(name -> name.replace(String.valueOf(BYTE_ORDER_MARK), "")
                                .strip()
                                .toLowerCase(Locale.ROOT))
                        .toList();
        if (!names.equals(COLUMNS)) {
            throw new Unreadable(file + " is not a register file: its first line must be " + HEADER);
        }
    }

    private CsvReader.Row nextRow() throws Unreadable {
        try {
            return csv.next();
        } catch (CharacterCodingException e) {
            throw new Unreadable(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing was written through it; a failed close loses nothing
        }
    }
}
