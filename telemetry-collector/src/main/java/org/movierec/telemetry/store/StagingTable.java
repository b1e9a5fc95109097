package org.movierec.telemetry.store;

/**
 * A temporary table a batch's rows are {@code COPY}ed into (binary, {@link BinaryCopyRows}) before one set-based
 * statement moves them into their table with the table's own conflict rule ({@code ON CONFLICT DO NOTHING} on the
 * event's key, or the merge of an upsert), in the batch's transaction.
 *
 * <p>Why a staging table and not a COPY straight into the table: COPY has no {@code ON CONFLICT}, and a redelivered
 * event must still be stored once. The table lives in the session ({@code CREATE TEMP TABLE IF NOT EXISTS} on the
 * first use in a transaction, so a new pooled connection creates it) and {@code ON COMMIT DELETE ROWS} empties it
 * at the end of every transaction; a rollback takes its rows with it.
 *
 * @param name the table's name (session-local)
 * @param columns its column definitions, in the order the rows are written
 * @param count how many columns
 */
record StagingTable(String name, String columns, int count) {

    /** @param columns column definitions separated by commas, e.g. {@code "t int8, u int8"} */
    StagingTable(String name, String columns) {
        this(name, columns, columns.split(",").length);
    }

    String create() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + name + " (" + columns + ") ON COMMIT DELETE ROWS";
    }

    String copy() {
        return "COPY " + name + " FROM STDIN (FORMAT binary)";
    }

    /** A buffer for this table's rows. */
    BinaryCopyRows rows(int expected) {
        return new BinaryCopyRows(count, expected);
    }
}
