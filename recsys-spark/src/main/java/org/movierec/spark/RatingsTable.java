package org.movierec.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.movierec.core.data.Ratings;

/**
 * A {@link Ratings} table as a Spark {@link Dataset} of ({@code user}, {@code item}, {@code rating}) on its dense
 * indices, so the factors Spark returns index straight into the model's arrays.
 *
 * <p>The driver has already loaded the ratings with recsys-core's loader (the model file needs each user's rated
 * movies anyway, {@code RatedItems}); the columns are broadcast once (12 bytes a rating) and each partition reads
 * its range of rows from them, rather than shipping a row object per rating from the driver. The table is
 * persisted: the bias passes and every ALS sweep read it.
 */
public final class RatingsTable {

    /** The table's schema. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("rating", DataTypes.FloatType, false);

    private RatingsTable() {
    }

    /** The columns that travel to the executors. */
    record Columns(int[] users, int[] items, float[] values) implements Serializable {
    }

    /** {@code ratings} as a persisted dataset of {@code partitions} partitions. */
    public static Dataset<Row> of(SparkSession spark, Ratings ratings, int partitions) {
        int n = ratings.size();
        int[] users = new int[n];
        int[] items = new int[n];
        float[] values = new float[n];
        for (int r = 0; r < n; r++) {
            users[r] = ratings.user(r);
            items[r] = ratings.item(r);
            values[r] = ratings.value(r);
        }
        Broadcast<Columns> columns = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new Columns(users, items, values));
        return spark.range(0, n, 1, partitions).map(row(columns), Encoders.row(SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static MapFunction<Long, Row> row(Broadcast<Columns> columns) {
        return r -> {
            Columns c = columns.value();
            int i = (int) (long) r;
            return RowFactory.create(c.users()[i], c.items()[i], c.values()[i]);
        };
    }
}
