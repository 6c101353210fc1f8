package io.omnihub.hub.pos;

import java.nio.file.Path;

/**
 * What became of one POS drop: where the file moves ({@code .done/...} or {@code .error/...},
 * relative to the drop directory) and, when there is one, the report to put beside it
 * ({@code .error/<file>.errors.csv} for rejected rows, {@code .error/<file>.reason.txt} for a file
 * that could not be read), prepared on local disk.
 */
public record PosDropOutcome(String moveTo, Path report, String reportName, Counts counts) {

    /** Rows in the file, stored, seen before (and so left alone), and rejected. */
    public record Counts(int total, int accepted, int repeated, int rejected) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    public boolean hasReport() {
        return report != null;
    }
}
