/**
 * AWS list prices the benchmark and the README's bill use: us-east-1, on-demand, no free tier.
 * Sources (the public price pages): https://aws.amazon.com/api-gateway/pricing/,
 * https://aws.amazon.com/lambda/pricing/, https://aws.amazon.com/dynamodb/pricing/on-demand/
 * (on-demand request units after the 1 November 2024 reduction). Other regions cost more
 * (ap-east-1 about 10–30 % more); the ratios between the lines hold.
 */
export const prices = {
  /** HTTP API, per million requests (first 300 million a month). */
  httpApiPerMillion: 1.0,
  /** Lambda, per million invocations. */
  lambdaRequestsPerMillion: 0.2,
  /** Lambda on arm64 (Graviton), per GB-second. */
  lambdaArmPerGbSecond: 0.0000133334,
  /** DynamoDB on-demand, per million write request units. */
  dynamoWritePerMillion: 0.625,
  /** DynamoDB on-demand, per million read request units. */
  dynamoReadPerMillion: 0.125,
} as const;

/**
 * Lambda gives a function CPU in proportion to its memory: one full vCPU at 1,769 MB. A function
 * of less memory takes correspondingly longer for the same CPU work.
 */
export const MB_PER_VCPU = 1769;

/** What DynamoDB answers a single-item request in, in the same region (AWS: "single-digit milliseconds"). */
export const DYNAMODB_ROUND_TRIP_MS = 5;
