package com.visualdm.worldengine.tick;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Puts the rows a phase refuses into {@code engine.rejected_rows}, with the reason and the job execution. */
@Component
public class RejectedRows {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public RejectedRows(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        // Committed on their own: when too many rejections fail the day, they stay for the operator to read.
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records every row of {@code table} for which {@code reasonSql} (an SQL expression over the row, alias
     * {@code t}) is not NULL, among the rows {@code candidateSql} (a condition) selects; returns how many.
     */
    long reject(TickContext context, String table, String candidateSql, String reasonSql) {
        Integer rows = ownTransaction.execute(status -> jdbc.sql("""
                        INSERT INTO engine.rejected_rows (world_name, table_name, row_id, reason, job_execution_id)
                        SELECT :world, :table, id::text, reason, :execution
                          FROM (SELECT t.id, %s AS reason FROM %s t WHERE %s) checked
                         WHERE reason IS NOT NULL
                        """.formatted(reasonSql, context.table(table), candidateSql))
                .param("world", context.world().value()).param("table", table)
                .param("execution", context.jobExecutionId())
                .update());
        return rows == null ? 0 : rows;
    }
}
