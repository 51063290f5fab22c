/**
 * The detail of a story, task or issue — as a full page (`/project/:slug/us/:ref`) or inside
 * the side panel over the board it was opened from. Every change is saved with the version the
 * user saw; a rejected save opens the conflict prompt.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { useMe } from "../../api/auth";
import { isApiError } from "../../api/http";
import { useProjectBySlug } from "../../api/projects";
import type { EpicDetail, Project, UserStoryDetail } from "../../api/types";
import { useProjectUsers } from "../../api/users";
import { ConflictPrompt } from "../../components/ConflictPrompt";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageSpinner } from "../../components/Spinner";
import { Activity } from "./Activity";
import { Attachments } from "./Attachments";
import { Comments } from "./Comments";
import { DescriptionField } from "./DescriptionField";
import { fieldLabel, formatDateTime, formatFieldValue } from "../../lib/format";
import { usePanel } from "./ItemPanel";
import { byRefKey, fetchByRef, KINDS, type AnyItem, type ItemKind } from "../../lib/itemKinds";
import { EpicStories } from "../epics/EpicStories";
import { AssignFields, BlockedField, ColorField, DueDateField, ParentLinks, PointsFields, StatusFields, TagsField, WatchersField } from "./SideFields";
import { StoryTasks } from "./StoryTasks";
import { SubjectField } from "./SubjectField";
import { useItemSave } from "../../components/useItemSave";
import { Editable, Section } from "./ui";
import { canDo } from "../../lib/projectAccess";

export function ItemDetailRoute({ kind }: { kind: ItemKind }) {
  const { slug = "", ref: refParam = "" } = useParams();
  const ref = /^\d+$/.test(refParam) ? Number(refParam) : null;
  const project = useProjectBySlug(slug);
  const info = KINDS[kind];
  const item = useQuery({
    queryKey: byRefKey(kind, project.data?.id ?? 0, ref ?? 0),
    queryFn: ({ signal }) => fetchByRef(kind, project.data!.id, ref!, signal),
    enabled: !!project.data && ref !== null,
  });

  if (ref === null || (item.isError && isApiError(item.error) && item.error.status === 404)) {
    return <NotFoundItem title={`${info.title} #${refParam} not found`} slug={slug} />;
  }
  if (project.isPending || item.isPending) return <PageSpinner label={`Loading ${info.noun} #${ref}…`} />;
  if (project.isError || item.isError) {
    return (
      <div className="mx-auto w-full max-w-lg px-6 py-16">
        <ErrorMessage title={`The ${info.noun} could not be loaded`} error={project.error ?? item.error} onRetry={() => void (project.isError ? project.refetch() : item.refetch())} />
      </div>
    );
  }
  return <ItemDetail key={`${kind}-${item.data.id}`} kind={kind} item={item.data} project={project.data} />;
}

function NotFoundItem({ title, slug }: { title: string; slug: string }) {
  const panel = usePanel();
  return (
    <div className="mx-auto max-w-lg px-6 py-16 text-center">
      <div role="alert">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
      </div>
      {panel ? (
        <button type="button" onClick={panel.close} className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Close
        </button>
      ) : (
        <Link to={`/project/${slug}`} className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Back to the project
        </Link>
      )}
    </div>
  );
}

function ItemDetail({ kind, item, project }: { kind: ItemKind; item: AnyItem; project: Project }) {
  const info = KINDS[kind];
  const panel = usePanel();
  const me = useMe();
  const users = useProjectUsers(project.id);
  const saver = useItemSave(kind);
  const props = { kind, item, project, users: users.data ?? [], save: saver.save };
  const linkState = panel?.linkState;
  const neighbors = item.neighbors;
  const canModify = canDo(project, info.modify);
  const canComment = canDo(project, info.comment);
  const blocked = !!project.blocked_code;

  return (
    <article aria-labelledby={`item-title-${item.id}`} className={`mx-auto flex w-full flex-col gap-4 px-4 py-4 ${panel ? "" : "max-w-6xl"}`}>
      <header className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
          <h1 id={`item-title-${item.id}`} className="font-semibold text-slate-700">
            {info.title} #{item.ref}
          </h1>
          <span
            className="rounded px-1.5 py-px text-xs font-medium"
            style={{ backgroundColor: `${item.status_extra_info?.color ?? "#94a3b8"}26`, color: "#1e293b" }}
          >
            {item.status_extra_info?.name}
          </span>
          {item.is_closed && <span className="rounded bg-slate-100 px-1.5 py-px text-xs">Closed</span>}
          {item.is_blocked && <span className="rounded bg-red-100 px-1.5 py-px text-xs font-medium text-red-800">Blocked</span>}
          <span className="ml-auto flex gap-2">
            {neighbors?.previous && (
              <Link to={`/project/${project.slug}/${info.path}/${neighbors.previous.ref}`} state={linkState} className="hover:text-indigo-700" title={neighbors.previous.subject}>
                ← #{neighbors.previous.ref}
              </Link>
            )}
            {neighbors?.next && (
              <Link to={`/project/${project.slug}/${info.path}/${neighbors.next.ref}`} state={linkState} className="hover:text-indigo-700" title={neighbors.next.subject}>
                #{neighbors.next.ref} →
              </Link>
            )}
          </span>
        </div>
        <Editable allowed={canModify}>
          <SubjectField item={item} save={saver.save} />
        </Editable>
        <ParentLinks {...props} linkState={linkState} />
        <p className="text-xs text-slate-500">
          Created by {item.owner_extra_info?.full_name_display ?? "someone"} on {formatDateTime(item.created_date)} · version {item.version}
        </p>
        {!canModify && !blocked && (
          <p className="text-xs text-slate-500">Your role in this project lets you read this {info.noun}{canComment ? " and comment on it" : ""}, not change it.</p>
        )}
      </header>

      <div className={`grid gap-6 ${panel ? "" : "lg:grid-cols-[minmax(0,1fr)_18rem]"}`}>
        <div className="flex min-w-0 flex-col gap-4">
          <Editable allowed={canModify}>
            <DescriptionField kind={kind} item={item} save={saver.save} />
          </Editable>
          {kind === "userstory" && (
            <Editable allowed={canDo(project, "add_task")}>
              <StoryTasks story={item as UserStoryDetail} project={project} linkState={linkState} />
            </Editable>
          )}
          {kind === "epic" && (
            <Editable allowed={canModify}>
              <Section title="Related stories">
                <EpicStories epic={item as EpicDetail} project={project} />
              </Section>
            </Editable>
          )}
          <Editable allowed={canModify}>
            <Attachments kind={kind} item={item} />
          </Editable>
          <Editable allowed={canComment}>
            <Comments kind={kind} item={item} me={me.data} isAdmin={project.i_am_admin} save={saver.save} />
          </Editable>
          <Activity kind={kind} objectId={item.id} />
        </div>
        <aside aria-label={`${info.title} attributes`} className={`flex flex-col gap-4 ${panel ? "order-first" : ""}`}>
          <Editable allowed={canModify}>
            <StatusFields {...props} />
            <AssignFields {...props} />
            {kind === "userstory" && <PointsFields {...props} />}
            <ColorField {...props} />
            <TagsField {...props} />
            <BlockedField {...props} />
            <DueDateField {...props} />
          </Editable>
          {/* Anyone who can read the item may watch it; a blocked project takes no writes at all. */}
          <Editable allowed={!blocked}>
            <WatchersField {...props} />
          </Editable>
        </aside>
      </div>

      <ConflictPrompt
        open={!!saver.pending}
        noun={info.noun}
        conflicts={saver.pending?.conflicts ?? []}
        fieldLabel={fieldLabel}
        formatValue={(field, value) => formatFieldValue(kind, project, users.data ?? [], field, value)}
        busy={saver.busy}
        onKeepMine={() => void saver.keepMine()}
        onTakeTheirs={() => void saver.takeTheirs()}
        onEdit={saver.backToEditor}
        onClose={saver.backToEditor}
      />
    </article>
  );
}
