/**
 * The {@link io.tributary.platform.registry.PlatformStore} adapter on DynamoDB (AWS) or a local
 * DynamoDB-compatible server, through the AWS SDK v2 client. {@link
 * io.tributary.platform.registry.dynamodb.ItemLayout} documents the single-table layout.
 */
package io.tributary.platform.registry.dynamodb;
