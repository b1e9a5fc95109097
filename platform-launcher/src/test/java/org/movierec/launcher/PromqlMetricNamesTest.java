package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected names read off the expressions by hand (each row is one PromQL construct). */
class PromqlMetricNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            up == 0                                                                                      | up
            sum by (job) (rate(http_server_requests_seconds_count{status=~"5..", job!="x"}[5m]))        | http_server_requests_seconds_count
            histogram_quantile(0.99, sum by (le) (rate(recsys_recommend_seconds_bucket[$__rate_interval]))) | recsys_recommend_seconds_bucket
            sum(rate(a_total[5m])) by (job) / ignoring(reason) group_left sum(rate(b_total[5m:30s])) without (instance) | a_total,b_total
            x_total offset 5m > bool 1e3 and on(job, instance) y_seconds @ end()                          | x_total,y_seconds
            {__name__="router_fallbacks_total", reason="timeout"} + {__name__=~"ignored_.*"}            | router_fallbacks_total
            label_replace(jvm_memory_used_bytes{area="heap"}, "svc", "$1", "job", "(.*)") / jvm_memory_max_bytes | jvm_memory_used_bytes,jvm_memory_max_bytes
            job:http_errors:ratio5m > 0.05 unless count_values("v", telemetry_consumer_lag) > Inf        | job:http_errors:ratio5m,telemetry_consumer_lag
            max_over_time(retrain_last_success_timestamp_seconds{job=~"$job"}[${window}]) - time()      | retrain_last_success_timestamp_seconds
            topk(5, sum without (le) (c_total)) # comment mentioning not_a_metric                       | c_total
            avg(sum_of_things) * min(count_of_items)                                                    | sum_of_things,count_of_items
            -increase(retrain_runs_total{outcome='failed'}[1h]) < -0.5                                  | retrain_runs_total
            """)
    void namesTheSelectedMetricsOnly(String expr, String expected) {
        assertThat(PromqlMetricNames.of(expr)).containsExactly(expected.split(","));
    }
}
