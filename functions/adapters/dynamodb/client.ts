import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/** The document client and the table name: everything a repository needs to reach its items. */
export interface Table {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
}

export interface TableOptions {
  tableName: string;
  region: string;
  /** DynamoDB Local's endpoint; unset in AWS. */
  endpoint?: string | undefined;
}

export function connectTable({ tableName, region, endpoint }: TableOptions): Table {
  const client = new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, name: tableName };
}

/** A data-plane read of a key that never exists: proves the table answers, at the cost of 0.5 RCU. */
export async function pingTable(table: Table): Promise<boolean> {
  try {
    await table.doc.send(new GetCommand({ TableName: table.name, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
    return true;
  } catch {
    return false;
  }
}
