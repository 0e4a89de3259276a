package org.huying;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * How {@link Catalog#importList} reads an officials' sheet: the date the
 * list takes effect (required), its approval reference (文号), and where
 * the units are looked up — the workbook's sheet 单位 (the default), an
 * existing list, or a units file.
 *
 * <pre>{@code
 * ImportOptions o = ImportOptions.effective(LocalDate.of(2025, 7, 1)).units(Catalog.sample());
 * }</pre>
 */
public final class ImportOptions {
    private final LocalDate effective;
    private final String reference;
    private final int unitsMode;
    private final Catalog unitsCatalog;
    private final String unitsPath;

    private ImportOptions(LocalDate effective, String reference, int unitsMode, Catalog unitsCatalog,
            String unitsPath) {
        this.effective = java.util.Objects.requireNonNull(effective, "effective");
        this.reference = reference;
        this.unitsMode = unitsMode;
        this.unitsCatalog = unitsCatalog;
        this.unitsPath = unitsPath;
    }

    /**
     * Options for a list in force from a date.
     *
     * @param effective the date the list takes effect (required)
     * @return the options
     */
    public static ImportOptions effective(LocalDate effective) {
        return new ImportOptions(effective, null, 0, null, null);
    }

    /**
     * With the approval reference, when the sheet does not say it.
     *
     * @param reference e.g. 县办发〔2025〕12号
     * @return new options
     */
    public ImportOptions reference(String reference) {
        return new ImportOptions(effective, reference, unitsMode, unitsCatalog, unitsPath);
    }

    /**
     * Units looked up in an existing list (with the other names they go by).
     *
     * @param catalog the list
     * @return new options
     */
    public ImportOptions units(Catalog catalog) {
        return new ImportOptions(effective, reference, 1, java.util.Objects.requireNonNull(catalog), null);
    }

    /**
     * Units looked up in a units sheet (XLSX or CSV).
     *
     * @param path the file
     * @return new options
     */
    public ImportOptions units(Path path) {
        return new ImportOptions(effective, reference, 2, null, path.toString());
    }

    /**
     * @return the date the list takes effect
     */
    public LocalDate effectiveDate() {
        return effective;
    }

    ImportedList run(String file, byte[] bytes, String path) {
        long cat = unitsCatalog == null ? 0 : unitsCatalog.h();
        Map<String, Object> m = Json.object(Catalog.nImport(file, bytes, path, effective.toEpochDay(),
                reference, unitsMode, cat, unitsCatalog, unitsPath));
        return new ImportedList(new Catalog(((Number) m.get("handle")).longValue()), m);
    }
}
