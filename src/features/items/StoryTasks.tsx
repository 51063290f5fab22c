/** A story's tasks: in the story's order, reorderable with buttons, and a quick add. */
import { useState } from "react";
import { Link } from "react-router";
import { useBulkUpdateTaskUsOrder, useCreateTask, useStoryTasks } from "../../api/tasks";
import type { Project, UserStoryDetail } from "../../api/types";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { buttonClass, inputClass, Section } from "./ui";

export function StoryTasks({ story, project, linkState }: { story: UserStoryDetail; project: Project; linkState: unknown }) {
  const tasks = useStoryTasks(project.id, story.id);
  const create = useCreateTask();
  const reorder = useBulkUpdateTaskUsOrder();
  const toast = useToast();
  const [subject, setSubject] = useState("");
  const statuses = new Map(project.task_statuses.map((s) => [s.id, s]));

  const move = (index: number, delta: -1 | 1) => {
    const list = tasks.data ?? [];
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    const next = [...list];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    reorder.mutate(
      { project_id: project.id, us_id: story.id, bulk_tasks: next.map((t, i) => ({ task_id: t.id, order: i + 1 })) },
      { onError: (error) => toast.error(`Could not reorder the tasks: ${errorText(error)}`) },
    );
  };

  const add = () => {
    const text = subject.trim();
    if (!text) return;
    create.mutate(
      { project: project.id, subject: text, user_story: story.id, milestone: story.milestone },
      { onSuccess: () => setSubject(""), onError: (error) => toast.error(`Could not add the task: ${errorText(error)}`) },
    );
  };

  return (
    <Section title={`Tasks${tasks.data?.length ? ` (${tasks.data.length})` : ""}`}>
      {tasks.isPending && <Spinner label="Loading tasks…" />}
      {tasks.isError && (
        <p role="alert" className="text-sm text-red-700">
          Tasks could not be loaded: {errorText(tasks.error)}
        </p>
      )}
      {tasks.isSuccess && tasks.data.length === 0 && <p className="text-sm italic text-slate-400">No tasks yet.</p>}
      {tasks.isSuccess && tasks.data.length > 0 && (
        <ol className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Tasks">
          {tasks.data.map((task, index) => {
            const status = statuses.get(task.status);
            return (
              <li key={task.id} className="flex items-center gap-2 px-2 py-1.5 text-sm" data-task-ref={task.ref}>
                <Link to={`/project/${project.slug}/task/${task.ref}`} state={linkState} className="min-w-0 flex-1 truncate text-slate-800 hover:text-indigo-700 hover:underline">
                  <span className="mr-1 font-mono text-xs text-slate-500">#{task.ref}</span>
                  {task.subject}
                </Link>
                {status && (
                  <span className="rounded px-1.5 py-px text-xs" style={{ backgroundColor: `${status.color}22`, color: "#334155" }}>
                    {status.name}
                  </span>
                )}
                <button type="button" className={buttonClass.quiet} aria-label={`Move task #${task.ref} up`} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className={buttonClass.quiet}
                  aria-label={`Move task #${task.ref} down`}
                  disabled={index === tasks.data.length - 1 || reorder.isPending}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <form
        className="mt-2 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input value={subject} onChange={(e) => setSubject(e.target.value)} aria-label="New task subject" placeholder="New task…" className={`${inputClass} flex-1`} />
        <button type="submit" className={buttonClass.secondary} disabled={create.isPending || !subject.trim()}>
          Add task
        </button>
      </form>
    </Section>
  );
}
