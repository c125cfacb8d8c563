import { S3PhotoStore } from '../adapters/s3/photo-store.js';
import { createStaffApp } from '../apps/staff-app.js';
import { awsHttpDependencies } from './aws-dependencies.js';
import { lambdaHttpHandler } from './lambda-http.js';

const http = awsHttpDependencies();
/** Only this function has the photo bucket: it serves supervision and the mystery shopper's link. */
const deps = {
  ...http,
  photos: S3PhotoStore.create({ bucket: http.config.PHOTO_BUCKET, region: http.config.AWS_REGION }),
};

/**
 * The staff function: the signed-in side of the API (see apps/staff-app.ts), through CloudFront
 * only (the origin-verify gate, see aws-dependencies.ts), with the photo bucket (presigned POST and GET).
 */
export const handler = lambdaHttpHandler(createStaffApp(deps), deps);
