/**
 * Custom attributes: per project, extra fields for epics, stories, tasks and issues
 * (`/<kind>-custom-attributes`: a value list with its own order, no OCC), and each item's values
 * (`/<items>/custom-attributes-values/<item id>`: one object per item, with its own `version` —
 * a stale one is the same ConflictError as an item's). Four kinds, one definition each way.
 */
import type { QueryKey } from "@tanstack/react-query";
import { keys } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type { CustomAttributeDefinition, CustomAttributesValues, HistoryObjectType, Id } from "./types";

export type CustomAttributeKind = "epic" | "userstory" | "task" | "issue";

/** Body of `POST /<kind>-custom-attributes`. */
export interface CreateCustomAttributeBody {
  project: Id;
  name: string;
  description?: string;
  /** `text` (default), `multiline`, `richtext`, `date`, `url`, `dropdown`, `checkbox`, `number`. */
  type?: string;
  order?: number;
  extra?: unknown;
}

/**
 * A change to an attribute touches the project's attributes of that kind and the project detail
 * (which embeds every kind's attributes).
 */
const attributeInvalidates = (kind: CustomAttributeKind) => (attribute: ObjectRef): QueryKey[] => [
  keys.customAttributes[kind].projectLists(attribute.project),
  keys.projects.detail(attribute.project),
  keys.projects.details(),
];

function defineCustomAttributes(kind: CustomAttributeKind) {
  return defineResource<{
    item: CustomAttributeDefinition;
    detail: CustomAttributeDefinition;
    create: CreateCustomAttributeBody;
    changes: Partial<CreateCustomAttributeBody>;
    filters: Record<string, never>;
  }>()({
    path: `/${kind}-custom-attributes`,
    keys: keys.customAttributes[kind],
    occ: false,
    orderKey: `bulk_${kind}_custom_attributes`,
    actions: ["list", "get", "create", "put", "patch", "remove", "bulkOrder"],
    invalidates: attributeInvalidates(kind),
  });
}

export const epicCustomAttributes = defineCustomAttributes("epic");
export const userstoryCustomAttributes = defineCustomAttributes("userstory");
export const taskCustomAttributes = defineCustomAttributes("task");
export const issueCustomAttributes = defineCustomAttributes("issue");

// ---------------------------------------------------------------- values

/** Where each kind's values live and what names their item. */
const VALUES = {
  epic: { items: "epics", field: "epic", history: "epic" },
  userstory: { items: "userstories", field: "user_story", history: "userstory" },
  task: { items: "tasks", field: "task", history: "task" },
  issue: { items: "issues", field: "issue", history: "issue" },
} as const satisfies Record<CustomAttributeKind, { items: string; field: keyof CustomAttributesValues; history: HistoryObjectType }>;

function defineCustomAttributesValues(kind: CustomAttributeKind) {
  const { items, field, history } = VALUES[kind];
  return defineResource<{
    item: CustomAttributesValues;
    detail: CustomAttributesValues;
    create: never;
    changes: { attributes_values: Record<string, unknown> };
    filters: Record<string, never>;
    target: { id: Id };
  }>()({
    path: `/${items}/custom-attributes-values`,
    keys: keys.customAttributesValues[kind],
    occ: true,
    actions: ["get", "patch"],
    /** The values' answer names its item by `epic`, `user_story`, `task` or `issue`. */
    refOf: (values) => ({ id: values[field] as Id }),
    /** Taiga writes the change into the item's history. */
    invalidates: (item) => [keys.history.entries(history, item.id)],
  });
}

/** `GET`/`PATCH /<items>/custom-attributes-values/<item id>`; edits send `{attributes_values, version}`. */
export const epicCustomAttributesValues = defineCustomAttributesValues("epic");
export const userstoryCustomAttributesValues = defineCustomAttributesValues("userstory");
export const taskCustomAttributesValues = defineCustomAttributesValues("task");
export const issueCustomAttributesValues = defineCustomAttributesValues("issue");

/** Each kind's attributes and values, for views that handle items of any kind. */
export const customAttributes = {
  epic: { attributes: epicCustomAttributes, values: epicCustomAttributesValues },
  userstory: { attributes: userstoryCustomAttributes, values: userstoryCustomAttributesValues },
  task: { attributes: taskCustomAttributes, values: taskCustomAttributesValues },
  issue: { attributes: issueCustomAttributes, values: issueCustomAttributesValues },
} as const;
