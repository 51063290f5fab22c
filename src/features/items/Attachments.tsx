/** Files attached to the item: list, upload (several at once), delete. */
import { useId, useRef } from "react";
import { useAttachments, useDeleteAttachment, useUploadAttachment } from "../../api/attachments";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { formatSize } from "../../lib/format";
import { KINDS, type AnyItem, type ItemKind } from "../../lib/itemKinds";
import { buttonClass, Section } from "./ui";

export function Attachments({ kind, item }: { kind: ItemKind; item: AnyItem }) {
  const type = KINDS[kind].resource;
  const list = useAttachments(type, item.project, item.id);
  const upload = useUploadAttachment(type, item.project, item.id);
  const remove = useDeleteAttachment(type, item.id);
  const toast = useToast();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    for (const file of Array.from(files)) {
      try {
        await upload.mutateAsync(file);
      } catch (error) {
        toast.error(`Could not upload ${file.name}: ${errorText(error)}`);
      }
    }
    if (input.current) input.current.value = "";
  };

  return (
    <Section
      title={`Attachments${list.data?.length ? ` (${list.data.length})` : ""}`}
      actions={
        <label htmlFor={inputId} className={`${buttonClass.quiet} cursor-pointer focus-within:outline-2 focus-within:outline-indigo-500`}>
          {upload.isPending ? "Uploading…" : "Add attachments"}
          <input ref={input} id={inputId} type="file" multiple className="sr-only" onChange={(e) => void onFiles(e.target.files)} />
        </label>
      }
    >
      {list.isPending && <Spinner label="Loading attachments…" />}
      {list.isError && (
        <p role="alert" className="text-sm text-red-700">
          Attachments could not be loaded: {errorText(list.error)}
        </p>
      )}
      {list.isSuccess &&
        (list.data.length === 0 ? (
          <p className="text-sm italic text-slate-400">No attachments.</p>
        ) : (
          <ul className="flex flex-col gap-1" aria-label="Attachments">
            {list.data.map((a) => (
              <li key={a.id} className="flex items-center gap-2 text-sm">
                <a href={a.url} target="_blank" rel="noopener noreferrer" className="min-w-0 flex-1 truncate text-indigo-700 hover:underline">
                  {a.name}
                </a>
                <span className="text-xs text-slate-500">{formatSize(a.size)}</span>
                <button
                  type="button"
                  className={buttonClass.danger}
                  aria-label={`Delete attachment ${a.name}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(a.id, { onError: (error) => toast.error(`Could not delete ${a.name}: ${errorText(error)}`) })}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        ))}
    </Section>
  );
}
