import type { JobRecord } from './jobs/job-record.ts';
import type { TrainedModel } from './models/trained-model.ts';

/** A stored file: its metadata and its exact bytes. */
export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: Uint8Array;
  /** Seconds. */
  createdAt: number;
  expiresAt: number | null;
  /** Simulated milliseconds at which the file turns from `uploaded` to `processed`. */
  processedAtMs: number;
}

/** One part of an upload. */
export interface StoredUploadPart {
  id: string;
  createdAt: number;
  data: Uint8Array;
}

/** An upload session of the Uploads API. */
export interface StoredUpload {
  id: string;
  filename: string;
  purpose: string;
  /** The size announced at creation. */
  bytes: number;
  mimeType: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'completed' | 'cancelled';
  parts: Map<string, StoredUploadPart>;
  fileId: string | null;
}

/** A file announced with Together's `POST /files`, waiting for its bytes at a signed URL. */
export interface SignedUpload {
  fileId: string;
  filename: string;
  purpose: string;
  fileType: string;
  /** What the signed URL's `X-Amz-Signature` must say. */
  signature: string;
  createdAt: number;
}

/** Everything the fake remembers. Maps keep insertion order, which is creation order. */
export class FakeState {
  readonly files = new Map<string, StoredFile>();
  readonly uploads = new Map<string, StoredUpload>();
  readonly jobs = new Map<string, JobRecord>();
  /** Fine-tuned models (and checkpoint models) by name. */
  readonly trainedModels = new Map<string, TrainedModel>();
  /** Azure deployments: deployment name → the model it serves (`fake.deploy`). */
  readonly deployments = new Map<string, string>();
  /** Together's uploads announced but not yet sent, by file id. */
  readonly signedUploads = new Map<string, SignedUpload>();

  /** Forgets everything. */
  clear(): void {
    this.files.clear();
    this.uploads.clear();
    this.jobs.clear();
    this.trainedModels.clear();
    this.deployments.clear();
    this.signedUploads.clear();
  }
}
