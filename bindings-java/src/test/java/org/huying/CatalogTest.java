package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The responsibility list: loading in every format, editions, questions, the officials' sheet (issue 25). */
class CatalogTest {
    private static final Catalog SAMPLE = Catalog.sample();

    @Test
    void theSampleListAndItsEditions() {
        assertEquals(92, SAMPLE.size());
        List<Map<String, Object>> editions = SAMPLE.editions();
        assertEquals(2, editions.size());
        assertEquals("XJ-2025", editions.get(0).get("id"));
        assertEquals(91L, editions.get(0).get("matters"));
        assertEquals("XJ-2025", SAMPLE.edition(OffsetDateTime.parse("2025-12-01T00:00+08:00")).get("id"));
        assertEquals("XJ-2026-R1", SAMPLE.edition("XJ-2026-R1").get("id"));
        assertThrows(CatalogLookupException.class, () -> SAMPLE.edition(OffsetDateTime.parse("2025-01-01T00:00+08:00")));
        assertThrows(CatalogLookupException.class, () -> SAMPLE.edition("XJ-1999"));
        assertFalse(SAMPLE.diff("XJ-2025", "XJ-2026-R1", "en").isEmpty());
        assertEquals(14, SAMPLE.townships().size());
        assertEquals("U010", SAMPLE.unit("U010").get("id"));
        assertNull(SAMPLE.unit("U999"));
        assertNotNull(SAMPLE.matter("M001"));
        assertNull(SAMPLE.matter("M101", OffsetDateTime.parse("2025-12-01T00:00+08:00")));
        assertFalse(SAMPLE.search("违法").isEmpty());
        assertFalse(SAMPLE.history("M090").isEmpty());
        assertTrue(SAMPLE.matrixCsv(null, "zh").contains("M001"));
        assertEquals("U008", CallPolicy.fromCatalog(SAMPLE, OffsetDateTime.parse("2025-12-01T00:00+08:00")).commandCentre());
        Map<String, Object> a = SAMPLE.accountable("M001", "U068", "reply", OffsetDateTime.parse("2025-10-09T10:00+08:00"));
        assertTrue(((String) a.get("explain_zh")).length() > 0);
    }

    @Test
    void loadFromJsonACsvFolderAndTsvTables(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("list.json");
        Files.write(json, SAMPLE.toJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(SAMPLE.toJson(), Catalog.load(json).toJson());
        Path folder = Files.createDirectory(dir.resolve("tables"));
        for (Map.Entry<String, String> t : SAMPLE.toTables(",").entrySet()) {
            if (t.getValue() != null) {
                Files.write(folder.resolve(t.getKey() + ".csv"), t.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(SAMPLE.size(), Catalog.load(folder).size());
        Map<String, String> tsv = SAMPLE.toTables("\t");
        assertEquals(SAMPLE.size(), Catalog.fromTsv(tsv.get("list"), tsv.get("units"), tsv.get("matters"), tsv.get("revisions")).size());
        CatalogReadException e = assertThrows(CatalogReadException.class, () -> Catalog.load(dir.resolve("missing.json")));
        assertEquals("catalog.read", e.code());
    }

    @Test
    void validationProblemsNameTheirPlace() {
        String json = SAMPLE.toJson().replace("\"holder\": \"U010\"", "\"holder\": \"U999\"");
        CatalogValidationException e = assertThrows(CatalogValidationException.class, () -> Catalog.fromJson(json, "county.json"));
        assertEquals("catalog.invalid", e.code());
        Problem p = e.problems().get(0);
        assertEquals("catalog.unknown_unit", p.code());
        assertEquals("county.json", p.file());
        assertEquals("county.json", e.file());
        assertTrue(p.field().startsWith("matters["), p.field());
        assertEquals(p.field(), e.field());
        assertTrue(p.message("zh").contains("U999"));
    }

    @Test
    void theOfficialsSheetReadBackAndItsProblems(@TempDir Path dir) throws Exception {
        byte[] book = SAMPLE.toXlsx();
        assertEquals('P', book[0]);
        ImportOptions o = ImportOptions.effective(LocalDate.of(2026, 3, 1));
        ImportedList got = Catalog.importList(book, o);
        assertEquals(92, got.catalog().size());
        assertTrue(got.problems().isEmpty(), got.problems().toString());
        assertTrue(got.rowsRead() >= 92);
        assertTrue(got.headerRow() >= 1);
        assertFalse(got.report("zh").isEmpty());
        Path file = dir.resolve("county-list.xlsx");
        Files.write(file, book);
        ImportedList fromFile = Catalog.importList(file, o.units(SAMPLE).reference("县办发〔2026〕1号"));
        assertEquals(92, fromFile.catalog().size());
        assertEquals("县办发〔2026〕1号", fromFile.catalog().edition().get("reference"));
        // A unit no table has is an error naming its cell.
        String csv = "序号,领域,事项名称,主体责任单位,配合责任单位,配合责任内容\n1,城乡建设,违法建设,县住建委,各乡镇（街道）,日常巡查\n";
        CatalogValidationException e = assertThrows(CatalogValidationException.class,
                () -> Catalog.importList(csv.getBytes(StandardCharsets.UTF_8), "list.csv", o.units(SAMPLE)));
        assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("D2")), e.problems().toString());
        // An unknown duty phrase is kept, with a warning naming its cell.
        String odd = csv.replace("县住建委", "县住建局").replace("日常巡查", "日常巡查、随手拍");
        ImportedList warned = Catalog.importList(odd.getBytes(StandardCharsets.UTF_8), "list.csv", o.units(SAMPLE));
        assertFalse(warned.problems().isEmpty());
        assertEquals(1, warned.catalog().size());
    }
}
