// The blob store on S3-compatible object storage (MinIO, Ceph RGW, Garage, AWS), for deployments with several
// instances: every instance sees the same files. Same contract as the local store (see blobs.ts).
import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { newId } from '../db/ids.ts';
import type { BlobStore } from './blobs.ts';

export interface S3Settings {
  /** Unset: AWS itself, found from the region. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  /** Unset: the SDK's usual sources (AWS_* variables, instance role). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`: what MinIO, Garage and Ceph expect by default. */
  forcePathStyle: boolean;
}

/** S3's smallest part but the last. A stream is buffered one part at a time: memory per upload stays ≈ 5 MiB. */
const PART_SIZE = 5 * 1024 * 1024;

export function s3BlobStore(settings: S3Settings): BlobStore {
  const { bucket } = settings;
  // The SDK takes about a second to load: only deployments that use S3 pay for it, and the start does not wait
  // for it. Loading begins now, so the first upload does not wait for it either.
  const loading = Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(
    ([s3, { Upload }]) => ({ s3, Upload, client: connect(s3.S3Client, settings) }),
  );
  loading.catch(() => {}); // seen by the first call that needs it, not as an unhandled rejection at start

  return {
    async put(data) {
      const { s3, client } = await loading;
      const key = newId();
      await client.send(new s3.PutObjectCommand({ Bucket: bucket, Key: key, Body: data }));
      return key;
    },
    async putStream(data) {
      const { s3, client, Upload } = await loading;
      const key = newId();
      // The length of an upload is not known in advance: a multipart upload sends it part by part. A stream
      // shorter than one part becomes a single PutObject, sent only once the stream has ended without error.
      // If the stream fails after parts were sent, Upload aborts the multipart upload, which removes them
      // (leavePartsOnError is false). queueSize 1: parts go one after the other, so the source is read no
      // faster than the storage takes it and only one part is held in memory.
      const params = { Bucket: bucket, Key: key, Body: data };
      const upload = new Upload({ client, params, partSize: PART_SIZE, queueSize: 1 });
      try {
        await upload.done();
      } catch (err) {
        // The upload may have failed after the object was complete (e.g. an error on the way back): a key
        // that is never returned must not keep a file. Deleting a missing key is not an error in S3.
        await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
        // A failed source is the reason, even if the abort failed too (its parts are then left to the bucket's
        // lifecycle rule): callers tell a cut-off upload (the sender's fault) from a storage failure by it.
        throw data.errored ?? err;
      }
      return key;
    },
    async get(key) {
      if (!validKey(key)) return null;
      const { s3, client } = await loading;
      try {
        const res = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }));
        // In Node the body is the HTTP response itself (an IncomingMessage): a Readable, streamed, not buffered.
        return (res.Body as Readable | undefined) ?? null;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      if (!validKey(key)) throw new Error('invalid blob key');
      const { s3, client } = await loading;
      await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

function connect(Client: typeof S3Client, settings: S3Settings): S3Client {
  return new Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // The CRC32 headers and trailers the SDK adds by default since 2025 are not understood by every version of
    // MinIO, Garage or Ceph. Bodies are sent as buffers, whose SHA-256 is signed (SigV4) and checked by the
    // server anyway, and storeDocument records each file's own SHA-256.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A storage server that does not answer must fail an upload in seconds, not after the system's TCP timeout.
    // No request timeout: a download to a phone on 2G pauses the S3 response for as long as the phone needs.
    requestHandler: { connectionTimeout: 5_000 },
  });
}

/** Keys are ours (newId): anything else is refused before it reaches the bucket, as in the local store. */
function validKey(key: string): boolean {
  return /^[0-9A-Z]{26}$/.test(key);
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  // A missing bucket is also a 404, but it is a broken setting, not a missing file: it must be seen.
  return e?.name === 'NoSuchKey' || (e?.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket');
}
