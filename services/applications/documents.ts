/**
 * The credentials step: documents (certificates, diplomas) an expert attaches
 * to the application, stored in the FileStore and listed on the application.
 */
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import {
  acceptUpload,
  getFileStore,
  releaseStorage,
  reserveStorage,
  type StoredFile,
} from "@/services/storage/mod.ts";
import {
  type Application,
  type ApplicationDocument,
  isEditable,
  MAX_DOCUMENTS,
} from "./model.ts";
import { refuseEditing, requireExpertUser } from "./rules.ts";
import {
  blankApplication,
  commitApplicationChange,
  documentFileKey,
  readApplication,
} from "./store.ts";

/**
 * Stores a credential document (PDF, PNG or JPEG up to 10 MB, type checked
 * from its bytes) and lists it on the application. A refused file
 * (ValidationError under `file`) stores nothing; so does one over the
 * user's storage quota or upload rate (services/storage quota.ts, also a
 * ValidationError under `file`). ConflictError when the
 * application is not editable or already holds MAX_DOCUMENTS.
 */
export async function addApplicationDocument(
  kv: Deno.Kv,
  userId: string,
  file: Blob & { name?: string },
): Promise<ApplicationDocument> {
  await requireExpertUser(kv, userId);
  const checkRoom = (application: Application) => {
    if (!isEditable(application.status)) refuseEditing(application.status);
    if (application.documents.length >= MAX_DOCUMENTS) {
      throw new ConflictError(
        `An application holds at most ${MAX_DOCUMENTS} documents; remove one first.`,
      );
    }
  };
  const before = await readApplication(kv, userId);
  checkRoom(before ?? blankApplication(userId));
  const accepted = await acceptUpload(file);
  await reserveStorage(kv, userId, accepted.size);

  const store = getFileStore(kv);
  const id = newId();
  const fileKey = documentFileKey(userId, id);
  let stored: StoredFile;
  try {
    stored = await store.put(fileKey, file.stream(), {
      contentType: accepted.contentType,
      size: accepted.size,
    });
  } catch (error) {
    await releaseStorage(kv, userId, accepted.size);
    throw error;
  }
  const document: ApplicationDocument = {
    id,
    fileKey,
    name: accepted.name,
    contentType: stored.contentType,
    size: stored.size,
    uploadedAt: stored.createdAt,
  };
  try {
    return await commitApplicationChange(kv, userId, (current) => {
      checkRoom(current);
      const next = {
        ...current,
        documents: [...current.documents, document],
        updatedAt: new Date().toISOString(),
      };
      return Promise.resolve({ next, result: document });
    });
  } catch (error) {
    // The file is not listed anywhere: don't leave it behind.
    await store.delete(fileKey);
    await releaseStorage(kv, userId, stored.size);
    throw error;
  }
}

/** Removes a document from an editable application and deletes its file. */
export async function removeApplicationDocument(
  kv: Deno.Kv,
  userId: string,
  documentId: string,
): Promise<void> {
  const removed = await commitApplicationChange(
    kv,
    userId,
    (current, _op, exists) => {
      const document = current.documents.find((doc) => doc.id === documentId);
      if (!exists || !document) throw new NotFoundError("No such document.");
      if (!isEditable(current.status)) refuseEditing(current.status);
      const next = {
        ...current,
        documents: current.documents.filter((doc) => doc.id !== documentId),
        updatedAt: new Date().toISOString(),
      };
      return Promise.resolve({ next, result: document });
    },
  );
  await getFileStore(kv).delete(removed.fileKey);
  await releaseStorage(kv, userId, removed.size);
}

/**
 * A document of this user's application and a stream of its contents, or
 * null. Who may read it (the owner and admins) is the HTTP layer's check.
 */
export async function getApplicationDocument(
  kv: Deno.Kv,
  userId: string,
  documentId: string,
): Promise<
  {
    document: ApplicationDocument;
    file: StoredFile;
    body: ReadableStream<Uint8Array>;
  } | null
> {
  const application = await readApplication(kv, userId);
  const document = application?.documents.find((doc) => doc.id === documentId);
  if (!document) return null;
  const found = await getFileStore(kv).get(document.fileKey);
  return found ? { document, ...found } : null;
}
