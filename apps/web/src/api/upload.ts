import { type ImportView, ImportViewSchema } from '@dampingan/contracts';
import { ApiError, buildUrl, NETWORK_ERROR, parseResponse, type Query, reportUnauthenticated, toApiError } from './client.ts';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Upload {
  done: Promise<ImportView>;
  abort: () => void;
}

export class UploadAborted extends Error {
  constructor() {
    super('upload aborted');
    this.name = 'UploadAborted';
  }
}

/**
 * Sends a registry file as the raw request body. XMLHttpRequest, not fetch: only XHR reports
 * upload progress. The server answers 202 with the import record once the file is stored;
 * processing then runs in the background (poll the import).
 */
export function uploadImport(file: Blob, query: Query, onProgress: (p: UploadProgress) => void): Upload {
  const xhr = new XMLHttpRequest();
  const path = '/registry/imports';
  const done = new Promise<ImportView>((resolve, reject) => {
    xhr.open('POST', `/api${buildUrl(path, query)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ loaded: file.size, total: file.size });
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', ...NETWORK_ERROR }));
    xhr.onabort = () => reject(new UploadAborted());
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(parseResponse(xhr.status, json, ImportViewSchema));
        } catch (err) {
          reject(err);
        }
        return;
      }
      if (xhr.status === 401) reportUnauthenticated(path);
      reject(toApiError(xhr.status, json));
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
