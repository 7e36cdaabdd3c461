/**
 * Grants and what they mean: who may read which columns and rows of a data product, until when and
 * for what purpose, and the reference evaluator ({@link
 * io.tributary.policies.grant.AccessEvaluator}) that every engine's compiled rules must agree with.
 */
package io.tributary.policies.grant;
