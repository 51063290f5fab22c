/**
 * Taiga object types, one place for the whole client.
 * Derived from the recorded answers of a real taiga-back (see fixtures/taiga-recordings).
 */

export type Id = number;
/** ISO 8601 datetime, e.g. "2026-11-28T06:11:44.340Z". */
export type DateTimeString = string;
/** Calendar date, "YYYY-MM-DD". */
export type DateString = string;

/** A tag as Taiga sends it on items: `[name, color | null]`. */
export type TagTuple = [name: string, color: string | null];

// ---------------------------------------------------------------- users & auth

/** The "basic" user used in every `*_extra_info` field and `project.owner`. */
export interface UserBasic {
  id: Id;
  username: string;
  full_name_display: string;
  photo: string | null;
  big_photo: string | null;
  gravatar_id: string | null;
  is_active: boolean;
}

/** Public user shape (`GET /users`, `GET /users/<id>`). */
export interface User extends UserBasic {
  full_name: string;
  color: string;
  bio: string;
  lang: string;
  theme: string;
  timezone: string;
  roles: string[];
}

/** The signed-in user (`GET /users/me`, login, register). */
export interface UserMe extends User {
  total_private_projects: number;
  total_public_projects: number;
  email: string;
  uuid: string;
  date_joined: DateTimeString;
  read_new_terms: boolean;
  accepted_terms: boolean;
  max_private_projects: number | null;
  max_public_projects: number | null;
  max_memberships_private_projects: number | null;
  max_memberships_public_projects: number | null;
  verified_email: boolean;
}

export interface AuthTokens {
  auth_token: string;
  refresh: string;
}

/** `POST /auth` and `POST /auth/register` answer the user plus both tokens. */
export type AuthResponse = UserMe & AuthTokens;

export interface LoginBody {
  type: "normal";
  username: string;
  password: string;
  invitation_token?: string;
}

export interface RegisterBody {
  type: "public";
  username: string;
  password: string;
  email: string;
  full_name: string;
  accepted_terms: boolean;
}

// ---------------------------------------------------------------- project attributes

/** Status as embedded in the project detail (`us_statuses`). */
export interface UserStoryStatus {
  id: Id;
  name: string;
  slug: string;
  order: number;
  is_closed: boolean;
  is_archived: boolean;
  color: string;
  wip_limit: number | null;
  /** Present in the project detail payload. */
  project_id?: Id;
  /** Present on `GET /userstory-statuses`. */
  project?: Id;
}

export interface TaskStatus {
  id: Id;
  name: string;
  slug: string;
  order: number;
  is_closed: boolean;
  color: string;
  project_id?: Id;
  project?: Id;
}

export type IssueStatus = TaskStatus;
export type EpicStatus = TaskStatus;

export interface Points {
  id: Id;
  name: string;
  order: number;
  /** `null` for "?" */
  value: number | null;
  project_id?: Id;
  project?: Id;
}

/** Priority, severity and issue type share one shape. */
export interface ColoredAttribute {
  id: Id;
  name: string;
  order: number;
  color: string;
  project_id?: Id;
  project?: Id;
}
export type Priority = ColoredAttribute;
export type Severity = ColoredAttribute;
export type IssueType = ColoredAttribute;

export interface DueDateSetting {
  id: Id;
  name: string;
  order: number;
  by_default: boolean;
  color: string;
  days_to_due: number | null;
  project_id: Id;
}

/** A status as seen inside one swimlane (`GET /swimlanes/<id>`). */
export interface SwimlaneStatus {
  id: Id;
  name: string;
  slug: string;
  order: number;
  is_closed: boolean;
  is_archived: boolean;
  color: string;
  wip_limit: number | null;
  swimlane_userstory_status_id: Id;
}

/** `GET /swimlane-userstory-statuses` item: one status's WIP limit inside one swimlane. */
export interface SwimlaneUserStoryStatus {
  id: Id;
  status: Id;
  swimlane: Id;
  wip_limit: number | null;
}

/** `GET /swimlanes` items carry `project` and `statuses`; the project detail embeds `{id,name,order,project_id}`. */
export interface Swimlane {
  id: Id;
  name: string;
  order: number;
  project?: Id;
  project_id?: Id;
  statuses?: SwimlaneStatus[];
}

/** A custom attribute as the project detail embeds it (`userstory_custom_attributes`...). */
export interface CustomAttribute {
  id: Id;
  name: string;
  description: string;
  /** `text`, `multiline`, `richtext`, `date`, `url`, `dropdown`, `checkbox` or `number`. */
  type: string;
  order: number;
  created_date: string;
  modified_date: string;
  project_id: Id;
  extra: unknown;
}

/** `GET /<kind>-custom-attributes` item: the same, with `project`. */
export interface CustomAttributeDefinition extends Omit<CustomAttribute, "project_id"> {
  project: Id;
}

/**
 * `GET /<items>/custom-attributes-values/<item id>`: the item's values by attribute id, with their
 * own `version` (OCC) and the item's id under `epic`, `user_story`, `task` or `issue`.
 */
export interface CustomAttributesValues {
  attributes_values: Record<string, unknown>;
  version: number;
  epic?: Id;
  user_story?: Id;
  task?: Id;
  issue?: Id;
}

export type Permission = string;

export interface Role {
  id: Id;
  name: string;
  slug: string;
  order: number;
  computable: boolean;
  permissions: Permission[];
  /** On `GET /roles`. */
  project?: Id;
  members_count?: number;
}

/** A member as embedded in the project detail. */
export interface ProjectMember {
  id: Id;
  username: string;
  full_name: string;
  full_name_display: string;
  role: Id;
  role_name: string;
  color: string;
  is_active: boolean;
  photo: string | null;
  gravatar_id: string | null;
}

export interface Membership {
  id: Id;
  user: Id | null;
  project: Id;
  role: Id;
  is_admin: boolean;
  created_at: DateTimeString;
  /** Who invited them (absent from list rows of members who joined without an invitation). */
  invited_by: UserBasic | null;
  invitation_extra_text: string | null;
  user_order: number;
  role_name: string;
  full_name: string | null;
  is_user_active: boolean | null;
  color: string | null;
  photo: string | null;
  gravatar_id: string | null;
  project_name: string;
  project_slug: string;
  is_owner: boolean;
  email: string | null;
  user_email: string | null;
}

export interface ProjectMilestoneSummary {
  id: Id;
  slug: string;
  name: string;
  closed: boolean;
}

// ---------------------------------------------------------------- projects

/** Fields shared by the list and the detail shape. */
export interface ProjectBase {
  id: Id;
  name: string;
  slug: string;
  description: string;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  owner: UserBasic;
  total_milestones: number | null;
  total_story_points: number | null;
  is_contact_activated: boolean;
  is_epics_activated: boolean;
  is_backlog_activated: boolean;
  is_kanban_activated: boolean;
  is_wiki_activated: boolean;
  is_issues_activated: boolean;
  videoconferences: string | null;
  videoconferences_extra_data: string | null;
  creation_template: Id | null;
  is_private: boolean;
  anon_permissions: Permission[];
  public_permissions: Permission[];
  is_featured: boolean;
  is_looking_for_people: boolean;
  looking_for_people_note: string;
  blocked_code: string | null;
  archived_code: string | null;
  totals_updated_datetime: DateTimeString;
  total_fans: number;
  total_fans_last_week: number;
  total_fans_last_month: number;
  total_fans_last_year: number;
  total_activity: number;
  total_activity_last_week: number;
  total_activity_last_month: number;
  total_activity_last_year: number;
  tags: string[];
  tags_colors: Record<string, string | null>;
  default_epic_status: Id | null;
  default_points: Id | null;
  default_us_status: Id | null;
  default_task_status: Id | null;
  default_priority: Id | null;
  default_severity: Id | null;
  default_issue_status: Id | null;
  default_issue_type: Id | null;
  default_swimlane: Id | null;
  my_permissions: Permission[];
  i_am_owner: boolean;
  i_am_admin: boolean;
  i_am_member: boolean;
  notify_level: number | null;
  total_closed_milestones: number;
  is_watcher: boolean;
  total_watchers: number;
  logo_small_url: string | null;
  logo_big_url: string | null;
  is_fan: boolean;
  my_homepage: boolean | string;
}

/** `GET /projects` item: `members` is a list of user ids. */
export interface ProjectListItem extends ProjectBase {
  members: Id[];
}

/** `GET /projects/<id>` and `/projects/by_slug`. */
export interface Project extends ProjectBase {
  members: ProjectMember[];
  epic_statuses: EpicStatus[];
  swimlanes: Swimlane[];
  us_statuses: UserStoryStatus[];
  us_duedates: DueDateSetting[];
  points: Points[];
  task_statuses: TaskStatus[];
  task_duedates: DueDateSetting[];
  issue_statuses: IssueStatus[];
  issue_types: IssueType[];
  issue_duedates: DueDateSetting[];
  priorities: Priority[];
  severities: Severity[];
  epic_custom_attributes: CustomAttribute[];
  userstory_custom_attributes: CustomAttribute[];
  task_custom_attributes: CustomAttribute[];
  issue_custom_attributes: CustomAttribute[];
  roles: Role[];
  total_memberships: number;
  is_out_of_owner_limits: boolean;
  is_private_extra_info: { can_be_updated: boolean; reason: string | null };
  max_memberships: number | null;
  epics_csv_uuid: string | null;
  userstories_csv_uuid: string | null;
  tasks_csv_uuid: string | null;
  issues_csv_uuid: string | null;
  transfer_token: string | null;
  milestones: ProjectMilestoneSummary[];
}

/** `GET /projects/<id>/stats`: points and sprints of the whole project (the backlog's burnup). */
export interface ProjectStats {
  name: string;
  total_milestones: number | null;
  total_points: number | null;
  closed_points: number;
  closed_points_per_role: Record<string, number>;
  defined_points: number;
  defined_points_per_role: Record<string, number>;
  assigned_points: number;
  assigned_points_per_role: Record<string, number>;
  milestones: { name: string; optimal: number; evolution: number | null; "team-increment": number; "client-increment": number }[];
  speed: number;
}

/** One bucket of `issues_stats` (per type, status, priority, severity, owner or assignee). */
export interface IssuesStatsBucket {
  id: Id;
  count: number;
  name: string;
  color: string;
  username?: string;
}

/** `GET /projects/<id>/issues_stats`. */
export interface ProjectIssuesStats {
  total_issues: number;
  opened_issues: number;
  closed_issues: number;
  issues_per_type: Record<string, IssuesStatsBucket>;
  issues_per_status: Record<string, IssuesStatsBucket>;
  issues_per_priority: Record<string, IssuesStatsBucket>;
  issues_per_severity: Record<string, IssuesStatsBucket>;
  issues_per_owner: Record<string, IssuesStatsBucket>;
  issues_per_assigned_to: Record<string, IssuesStatsBucket>;
  /** Daily counts of the last four weeks, by open/closed and by severity. */
  last_four_weeks_days: Record<string, unknown>;
}

/** `GET /projects/<id>/member_stats`: per member (user id as key) counts. */
export interface ProjectMemberStats {
  closed_bugs: Record<string, number>;
  iocaine_tasks: Record<string, number>;
  wiki_changes: Record<string, number>;
  created_bugs: Record<string, number>;
  closed_tasks: Record<string, number>;
}

/** `GET /projects/<id>/modules`: the settings of the repository hooks (admins only). */
export type ProjectModules = Record<string, { secret?: string; webhooks_url?: string; close_status?: Id; valid_origin_ips?: string[] }>;

/** `GET /projects/<id>/tags_colors`: tag -> colour (null: none chosen). */
export type TagsColors = Record<string, string | null>;

/** `GET /projects/<id>/fans`, `/watchers` item. */
export type ProjectFan = Watcher;

/** Body of `POST /projects/bulk_update_order`. */
export type ProjectsBulkOrderBody = { project_id: Id; order: number }[];

// ---------------------------------------------------------------- items

export interface StatusExtraInfo {
  name: string;
  color: string;
  is_closed: boolean;
}

export interface ProjectExtraInfo {
  id: Id;
  name: string;
  slug: string;
  logo_small_url: string | null;
}

export interface EpicSummary {
  id: Id;
  ref: number;
  subject: string;
  color: string;
  project: { id: Id; name: string; slug: string };
}

export interface Neighbor {
  id: Id;
  ref: number;
  subject: string;
}
export interface Neighbors {
  previous: Neighbor | null;
  next: Neighbor | null;
}

export type DueDateStatus = "not_set" | "set" | "due_soon" | "past_due" | "no_longer_applicable" | string;

interface ItemCommon {
  id: Id;
  ref: number;
  project: Id;
  project_extra_info: ProjectExtraInfo;
  subject: string;
  status: Id;
  status_extra_info: StatusExtraInfo;
  assigned_to: Id | null;
  assigned_to_extra_info: UserBasic | null;
  owner: Id | null;
  owner_extra_info: UserBasic | null;
  tags: TagTuple[];
  attachments: Attachment[];
  is_watcher: boolean;
  total_watchers: number;
  is_voter: boolean;
  total_voters: number;
  watchers: Id[];
  is_blocked: boolean;
  blocked_note: string;
  is_closed: boolean;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  due_date: DateString | null;
  due_date_reason: string;
  due_date_status: DueDateStatus;
  external_reference: unknown[] | null;
  version: number;
  total_comments?: number;
}

/** Role id (as string key) -> points id. */
export type StoryPoints = Record<string, Id>;

/** `GET /userstories` item. */
export interface UserStory extends ItemCommon {
  milestone: Id | null;
  milestone_slug: string | null;
  milestone_name: string | null;
  points: StoryPoints;
  total_points: number | null;
  backlog_order: number;
  sprint_order: number;
  kanban_order: number;
  finish_date: DateTimeString | null;
  client_requirement: boolean;
  team_requirement: boolean;
  generated_from_issue: Id | null;
  generated_from_task: Id | null;
  from_task_ref: number | null;
  tribe_gig: unknown;
  comment: string;
  origin_issue: Neighbor | null;
  origin_task: Neighbor | null;
  epics: EpicSummary[] | null;
  epic_order: number | null;
  tasks: TaskSummary[];
  total_attachments: number;
  swimlane: Id | null;
  assigned_users: Id[];
}

/** `GET /userstories/<id>` and `/userstories/by_ref`. */
export interface UserStoryDetail extends UserStory {
  description: string;
  description_html: string;
  blocked_note_html: string;
  neighbors: Neighbors;
}

export interface TaskSummary {
  id: Id;
  ref: number;
  subject: string;
  status: Id;
  is_closed: boolean;
  [extra: string]: unknown;
}

/** A user story as embedded in `milestone.user_stories`. */
export interface MilestoneUserStory {
  id: Id;
  ref: number;
  subject: string;
  project: Id;
  project_extra_info: ProjectExtraInfo;
  status: Id;
  status_extra_info: StatusExtraInfo;
  assigned_to: Id | null;
  assigned_to_extra_info: UserBasic | null;
  milestone: Id | null;
  is_closed: boolean;
  is_blocked: boolean;
  blocked_note: string;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  finish_date: DateTimeString | null;
  client_requirement: boolean;
  team_requirement: boolean;
  external_reference: unknown[] | null;
  version: number;
  backlog_order: number;
  sprint_order: number;
  kanban_order: number;
  epics: EpicSummary[] | null;
  points: StoryPoints;
  total_points: number | null;
  due_date: DateString | null;
  due_date_reason: string;
  due_date_status: DueDateStatus;
}

export interface Task extends ItemCommon {
  user_story: Id | null;
  user_story_extra_info: { id: Id; ref: number; subject: string; epics: EpicSummary[] | null } | null;
  milestone: Id | null;
  milestone_slug: string | null;
  finished_date: DateTimeString | null;
  us_order: number;
  taskboard_order: number;
  is_iocaine: boolean;
}

/** A story promoted from a task or an issue (`generated_user_stories` of their details). */
export interface GeneratedStory {
  id: Id;
  ref: number;
  subject: string;
}

export interface TaskDetail extends Task {
  comment: string;
  generated_user_stories: GeneratedStory[] | null;
  description: string;
  description_html: string;
  blocked_note_html: string;
  neighbors: Neighbors;
}

export interface Issue extends ItemCommon {
  severity: Id;
  priority: Id;
  type: Id;
  milestone: Id | null;
  finished_date: DateTimeString | null;
}

export interface IssueDetail extends Issue {
  comment: string;
  generated_user_stories: GeneratedStory[] | null;
  description: string;
  description_html: string;
  blocked_note_html: string;
  neighbors: Neighbors;
}

/** `GET /epics` item (epics.md §2). Epics carry `version` (OCC) like stories. */
export interface Epic {
  id: Id;
  ref: number;
  project: Id;
  project_extra_info: ProjectExtraInfo;
  subject: string;
  color: string;
  epics_order: number;
  status: Id;
  status_extra_info: StatusExtraInfo;
  is_closed: boolean;
  assigned_to: Id | null;
  assigned_to_extra_info: UserBasic | null;
  owner: Id | null;
  owner_extra_info: UserBasic | null;
  tags: TagTuple[];
  attachments: Attachment[];
  client_requirement: boolean;
  team_requirement: boolean;
  is_blocked: boolean;
  blocked_note: string;
  watchers: Id[];
  is_watcher: boolean;
  total_watchers: number;
  is_voter: boolean;
  total_voters: number;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  version: number;
  /** Linked stories and their progress (closed stories count 1, open ones their closed-task share); `progress` null without stories. */
  user_stories_counts: { total: number; progress: number | null };
}

/** `GET /epics/<id>`, `/epics/by_ref` (and the answers of create/edit, without `neighbors`). */
export interface EpicDetail extends Epic {
  comment: string;
  description: string;
  description_html: string;
  blocked_note_html: string;
  neighbors?: Neighbors;
}

/** `GET /epics/filters_data` facets. */
export interface EpicFiltersData {
  statuses: FiltersDataStatus[];
  assigned_to: FiltersDataUser[];
  owners: FiltersDataUser[];
  tags: FiltersDataTag[];
}

/** A link between an epic and a story (`/epics/<epic>/related_userstories/<story id>`). */
export interface EpicRelatedUserStory {
  epic: Id;
  user_story: Id;
  order: number;
}

export interface Milestone {
  id: Id;
  project: Id;
  project_extra_info: ProjectExtraInfo;
  name: string;
  slug: string;
  owner: Id | null;
  estimated_start: DateString;
  estimated_finish: DateString;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  closed: boolean;
  disponibility: number | null;
  order: number;
  user_stories: MilestoneUserStory[];
  total_points: number | null;
  closed_points: number | null;
}

/** One day of a sprint's burndown (`GET /milestones/<id>/stats`). */
export interface BurndownDay {
  day: DateString;
  /** Day of the month. */
  name: number;
  open_points: number;
  optimal_points: number;
}

/** `GET /milestones/<id>/stats` (milestones.md §4). */
export interface MilestoneStats {
  name: string;
  estimated_start: DateString;
  estimated_finish: DateString;
  /** Role id -> points of the sprint's stories (roles summing to 0 are left out). */
  total_points: Record<string, number>;
  /** The per-role sums of the closed stories, values only. */
  completed_points: number[];
  total_userstories: number;
  completed_userstories: number;
  total_tasks: number;
  completed_tasks: number;
  iocaine_doses: number;
  days: BurndownDay[];
}

/** One entry of the project burndown (`milestones` of `GET /projects/<id>/stats`). */
export interface ProjectStatsSprint {
  /** The sprint's name, "Future sprint" or "Project End". */
  name: string;
  optimal: number;
  /** Scope minus the points closed before this sprint; null for the future. */
  evolution: number | null;
  "team-increment": number;
  "client-increment": number;
}

/** `GET /projects/<id>/stats` (projects.md §6). */
export interface ProjectStats {
  name: string;
  total_milestones: number | null;
  total_points: number | null;
  closed_points: number;
  closed_points_per_role: Record<string, number>;
  defined_points: number;
  defined_points_per_role: Record<string, number>;
  assigned_points: number;
  assigned_points_per_role: Record<string, number>;
  milestones: ProjectStatsSprint[];
  speed: number;
}

export interface WikiPage {
  id: Id;
  project: Id;
  project_extra_info: ProjectExtraInfo;
  slug: string;
  content: string;
  html: string;
  owner: Id | null;
  last_modifier: Id | null;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  editions: number;
  version: number;
  is_watcher: boolean;
  total_watchers: number;
}

export interface WikiLink {
  id: Id;
  project: Id;
  title: string;
  href: string;
  order: number;
}

export interface Attachment {
  id: Id;
  project: Id;
  owner: Id | null;
  name: string;
  attached_file: string;
  size: number;
  url: string;
  description: string;
  is_deprecated: boolean;
  from_comment: boolean;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  object_id: Id;
  order: number;
  sha1: string;
  thumbnail_card_url: string | null;
  preview_url: string | null;
}

/** `GET /<items>/<id>/watchers` (and voters) item. */
export interface Watcher {
  id: Id;
  username: string;
  full_name: string;
}

/** `GET /<items>/<id>/voters` item: the same shape as a watcher. */
export type Voter = Watcher;

/** The item types that carry attachments (`/<type>/attachments`). */
export type AttachmentObjectType = "userstories" | "tasks" | "issues" | "epics" | "wiki";

/** Body of `POST /tasks/bulk_update_us_order` (bulk-ordering.md §7). */
export interface BulkUpdateUsOrderBody {
  project_id: Id;
  us_id?: Id;
  milestone_id?: Id;
  status_id?: Id;
  bulk_tasks: { task_id: Id; order: number }[];
}

// ---------------------------------------------------------------- history

export type HistoryObjectType = "userstory" | "task" | "issue" | "wiki" | "epic";

export interface HistoryUser {
  pk: Id | null;
  username: string;
  name: string;
  photo: string | null;
  is_active: boolean;
  gravatar_id: string | null;
}

/** `GET /history/<type>/<id>?type=comment|activity`: which entries. */
export type HistoryFilter = "comment" | "activity" | "all";

/** `GET /history/<type>/<id>/comment_versions?id=` item. */
export interface CommentVersion {
  date: DateTimeString;
  user: User;
  comment: string;
  comment_html: string;
}

export interface HistoryEntry {
  id: string;
  user: HistoryUser;
  created_at: DateTimeString;
  /** 1 change, 2 create, 3 delete */
  type: number;
  key: string;
  diff: Record<string, unknown>;
  snapshot: unknown;
  values: Record<string, unknown>;
  values_diff: Record<string, unknown>;
  comment: string;
  comment_html: string;
  delete_comment_date: DateTimeString | null;
  delete_comment_user: { pk: Id; name: string } | null;
  edit_comment_date: DateTimeString | null;
  is_hidden: boolean;
  is_snapshot: boolean;
}

// ---------------------------------------------------------------- filters data

export interface FiltersDataStatus {
  id: Id;
  name: string;
  color: string;
  order: number;
  count: number;
}
export interface FiltersDataUser {
  id: Id | null;
  full_name: string;
  count: number;
  photo?: string | null;
  big_photo?: string | null;
  gravatar_id?: string | null;
}
export interface FiltersDataTag {
  name: string;
  color: string | null;
  count: number;
}
export interface FiltersDataEpic {
  id: Id | null;
  ref: number | null;
  subject: string | null;
  order: number;
  count: number;
}
export interface FiltersDataRole {
  id: Id;
  name: string;
  color: string | null;
  order: number;
  count: number;
}

/** `GET /issues/filters_data`: each facet counts the issues the other active filters let through. */
export interface IssueFiltersData {
  types: FiltersDataStatus[];
  statuses: FiltersDataStatus[];
  priorities: FiltersDataStatus[];
  severities: FiltersDataStatus[];
  assigned_to: FiltersDataUser[];
  owners: FiltersDataUser[];
  tags: FiltersDataTag[];
  roles: FiltersDataRole[];
}

export interface UserStoryFiltersData {
  statuses: FiltersDataStatus[];
  assigned_to: FiltersDataUser[];
  assigned_users: FiltersDataUser[];
  owners: FiltersDataUser[];
  tags: FiltersDataTag[];
  epics: FiltersDataEpic[];
  roles: FiltersDataRole[];
}

/** `GET /tasks/filters_data` facets. */
export interface TaskFiltersData {
  statuses: FiltersDataStatus[];
  assigned_to: FiltersDataUser[];
  owners: FiltersDataUser[];
  tags: FiltersDataTag[];
  roles: FiltersDataRole[];
}

/** `GET /issues/filters_data` facets. */
export interface IssueFiltersData {
  types: FiltersDataStatus[];
  statuses: FiltersDataStatus[];
  priorities: FiltersDataStatus[];
  severities: FiltersDataStatus[];
  assigned_to: FiltersDataUser[];
  owners: FiltersDataUser[];
  tags: FiltersDataTag[];
  roles: FiltersDataRole[];
}

// ---------------------------------------------------------------- bulk ordering

export interface BulkCreateUserStoriesBody {
  project_id: Id;
  bulk_stories: string;
  status_id?: Id;
  swimlane_id?: Id | null;
}

export interface BulkUpdateBacklogOrderBody {
  project_id: Id;
  milestone_id?: Id | null;
  before_userstory_id?: Id;
  after_userstory_id?: Id;
  bulk_userstories: Id[];
}
export type BulkUpdateBacklogOrderAnswer = { id: Id; milestone: Id | null; backlog_order: number }[];
export type BulkUpdateSprintOrderAnswer = { id: Id; milestone: Id | null; sprint_order: number }[];

export interface BulkUpdateKanbanOrderBody {
  project_id: Id;
  status_id: Id;
  swimlane_id?: Id | null;
  before_userstory_id?: Id;
  after_userstory_id?: Id;
  bulk_userstories: Id[];
}
export type BulkUpdateKanbanOrderAnswer = { id: Id; status: Id; swimlane: Id | null; kanban_order: number }[];

export interface BulkUpdateMilestoneBody {
  project_id: Id;
  milestone_id: Id;
  bulk_stories: { us_id: Id; order: number }[];
}

/** Body of `POST /tasks/bulk_update_taskboard_order` (bulk-ordering.md §7). */
export interface BulkUpdateTaskboardOrderBody {
  project_id: Id;
  milestone_id?: Id;
  status_id?: Id;
  /** Checked (every task must be in that story) but not a scope of the renumbering. */
  us_id?: Id;
  bulk_tasks: { task_id: Id; order: number }[];
}

/** Body of `POST /tasks/bulk_create`: one task per line, inside a sprint (bulk-ordering.md §6). */
export interface BulkCreateTasksBody {
  project_id: Id;
  milestone_id: Id;
  bulk_tasks: string;
  us_id?: Id;
  status_id?: Id;
}

/** Body of `POST /tasks/bulk_update_milestone`; answers `{task id: milestone id}`. */
export interface BulkUpdateTaskMilestoneBody {
  project_id: Id;
  milestone_id: Id;
  bulk_tasks: { task_id: Id; order: number }[];
}
/** Task id (as string) -> new order. */
export type BulkTaskOrderAnswer = Record<string, number>;

/** `[[id, order], ...]` for `/<attribute>/bulk_update_order`. */
export type AttributeBulkOrder = [id: Id, order: number][];

// ---------------------------------------------------------------- external applications

/** `GET /applications/<uuid>`: an external application registered on the Taiga instance. */
export interface Application {
  id: string;
  name: string;
  web: string;
  description: string;
  icon_url: string | null;
}

/** `GET /application-tokens` item, `GET /applications/<uuid>/token`: the user's authorisation of an application. */
export interface ApplicationToken {
  id: Id;
  user: Id;
  application: Application;
  auth_code: string | null;
  next_url: string;
}

/** `POST /application-tokens/authorize` answer: the code the application exchanges for a token. */
export interface ApplicationAuthorization {
  state: string;
  auth_code: string;
  next_url: string;
}

/** `POST /application-tokens/validate` answer: the (encrypted) token for the application. */
export interface ApplicationAccessToken {
  token: string;
}

// ---------------------------------------------------------------- search and resolver

/** `GET /search` hits: just enough of each item to list and open it. */
export interface SearchEpic {
  id: Id;
  ref: number;
  subject: string;
  status: Id;
  assigned_to: Id | null;
}
export type SearchTask = SearchEpic;
export type SearchIssue = SearchEpic;
export interface SearchUserStory {
  id: Id;
  ref: number;
  subject: string;
  status: Id;
  total_points: number | null;
  milestone_name: string | null;
  milestone_slug: string | null;
}
export interface SearchWikiPage {
  id: Id;
  slug: string;
}

/**
 * `GET /search?project=&text=`: a group per item type the caller may see (absent otherwise),
 * at most 150 hits each, ranked; `count` sums them.
 */
export interface SearchResults {
  epics?: SearchEpic[];
  userstories?: SearchUserStory[];
  tasks?: SearchTask[];
  issues?: SearchIssue[];
  wikipages?: SearchWikiPage[];
  count: number;
}

/** `GET /resolver` query: a project slug and refs or slugs to turn into ids. */
export interface ResolverQuery {
  [param: string]: string | number | undefined;
  /** The project's slug. */
  project: string;
  us?: number;
  task?: number;
  issue?: number;
  epic?: number;
  milestone?: string;
  wikipage?: string;
  /** A ref of any item type, or a wiki page slug (not combined with the keys above). */
  ref?: number | string;
}

/** `GET /resolver` answer: the project's id and the ids found (a `ref` nobody has answers the project only). */
export interface ResolverAnswer {
  project: Id;
  us?: Id;
  task?: Id;
  issue?: Id;
  epic?: Id;
  milestone?: Id;
  wikipage?: Id;
}

// ---------------------------------------------------------------- user storage, templates

/** `/user-storage/<key>`: one JSON value per key, private to the signed-in user. */
export interface UserStorageEntry<V = unknown> {
  key: string;
  value: V;
  created_date: DateTimeString;
  modified_date: DateTimeString;
}

/** `/project-templates/<id>`: what a new project starts with (modules, value lists, roles...). */
export interface ProjectTemplate {
  id: Id;
  name: string;
  slug: string;
  description: string;
  order: number;
  created_date: DateTimeString;
  modified_date: DateTimeString;
  /** Slug of the role a project's creator gets. */
  default_owner_role: string;
  is_contact_activated: boolean;
  is_epics_activated: boolean;
  is_backlog_activated: boolean;
  is_kanban_activated: boolean;
  is_wiki_activated: boolean;
  is_issues_activated: boolean;
  videoconferences: string | null;
  videoconferences_extra_data: string | null;
  /** Names of the default value of each list (`{"points": "?", "priority": "Normal", ...}`). */
  default_options: Record<string, string>;
  /** The value lists and roles a new project gets, by name (the template's own shapes). */
  epic_statuses: Record<string, unknown>[];
  us_statuses: Record<string, unknown>[];
  points: Record<string, unknown>[];
  task_statuses: Record<string, unknown>[];
  issue_statuses: Record<string, unknown>[];
  issue_types: Record<string, unknown>[];
  priorities: Record<string, unknown>[];
  severities: Record<string, unknown>[];
  roles: Record<string, unknown>[];
}

// ---------------------------------------------------------------- timeline

/** Who did it, as a timeline entry tells. */
export interface TimelineUser {
  id: Id;
  name: string;
  username: string;
  photo: string | null;
  big_photo: string | null;
  gravatar_id: string | null;
  is_profile_visible: boolean;
  date_joined: DateTimeString;
}

/**
 * `GET /timeline/<project|user|profile>/<id>` entry, newest first. `event_type` is
 * `<app>.<model>.<create|change|delete>` (`userstories.userstory.change`); `data` holds what the
 * event is about (`userstory`, `task`, `issue`, `epic`, `milestone`, `wikipage`, `project`...), the
 * `user`, and for changes `values_diff` and `comment`.
 */
export interface TimelineEntry {
  id: Id;
  content_type: Id;
  object_id: Id;
  namespace: string;
  event_type: string;
  project: Id | null;
  data: { user?: TimelineUser; comment?: string; comment_html?: string; values_diff?: Record<string, unknown>; [about: string]: unknown };
  data_content_type: Id;
  created: DateTimeString;
}

// ---------------------------------------------------------------- the user's account and the instance

/** `GET /users/<id>/stats`. */
export interface UserStats {
  total_num_projects: number;
  roles: string[];
  total_num_contacts: number;
  total_num_closed_userstories: number;
}

/** `GET /users/<id>/watched|liked|voted` item: a project, epic, story, task or issue the user follows. */
export interface UserFavourite {
  type: "project" | "epic" | "userstory" | "task" | "issue";
  id: Id;
  ref: number | null;
  slug: string | null;
  name: string | null;
  subject: string | null;
  description: string | null;
  assigned_to: Id | null;
  status: string | null;
  status_color: string | null;
  tags_colors: { name: string; color: string | null }[];
  created_date: DateTimeString;
  is_private: boolean | null;
  project: Id | null;
  project_name: string | null;
  project_slug: string | null;
  [more: string]: unknown;
}

/** `/notify-policies/<id>`: how the user is notified about one project. */
export interface NotifyPolicy {
  id: Id;
  project: Id;
  project_name: string;
  /** 1 involved, 2 all, 3 none (e-mail). */
  notify_level: number;
  live_notify_level: number;
  web_notify_level: boolean;
}

/** `GET /locales` item. */
export interface Locale {
  code: string;
  name: string;
  bidi: boolean;
}

/** `GET /stats/discover`: public figures of the instance. */
export interface DiscoverStats {
  projects: { total: number };
}

/** `GET /exporter/<project>`: the dump at once (no task queue) or the id of a queued export (e-mailed when done). */
export type ProjectExport = { url: string } | { export_id: string };

