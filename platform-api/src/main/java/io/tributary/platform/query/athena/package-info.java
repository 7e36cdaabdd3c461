/**
 * The {@link io.tributary.platform.query.QueryEngine} on Amazon Athena (engine v3, Trino-based),
 * through the AWS SDK: the caller's IAM role is assumed through STS with session tags, so Lake
 * Formation decides what the caller reads; each query runs in the domain's workgroup, is polled to
 * its end and its results are paged with {@code NextToken}. The SQL is the Trino engine's ({@link
 * io.tributary.platform.query.PageQueries}), with bound values rendered as literals for {@code
 * ExecutionParameters}.
 */
package io.tributary.platform.query.athena;
