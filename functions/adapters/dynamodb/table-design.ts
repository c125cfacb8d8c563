/**
 * The one definition of the platform's single DynamoDB table.
 *
 * The CDK stack (infra/storage.ts) and the local bootstrap (functions/local/dynamodb-local.ts)
 * both derive the table from this object, so the key schema, indexes, stream and TTL can never
 * drift between the cloud and a developer's machine.
 *
 * The indexes are overloaded (generic names, meaning chosen per item type) because CloudFormation
 * can add only one global secondary index per update: declaring them all up front keeps later
 * access patterns from needing a multi-step migration. See README "Data model" for what each
 * item type puts in them.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after it passes. */
  timeToLiveAttribute: 'ttl',
  /** The stream is the outbox: complaint notifications are driven from it. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type TableDesign = typeof tableDesign;
export type IndexName = (typeof tableDesign.globalSecondaryIndexes)[number]['indexName'];
