import { DataTypes, type Model, type ModelStatic } from 'sequelize';

/** One stored attribute of a model: its name in JavaScript, its column, how to read it back. */
export interface Column {
  readonly attribute: string;
  readonly field: string;
  readonly read: (value: unknown) => unknown;
  /** A value for an INSERT that does not give one, or undefined when the column has none. */
  readonly defaultValue: (() => unknown) | undefined;
  /** A key the database generates (`autoIncrement`): an INSERT cannot know it beforehand. */
  readonly generated: boolean;
  /** A `UUID` column, which PostgreSQL types strictly. */
  readonly uuid: boolean;
}

type Attribute = ModelStatic<Model>['rawAttributes'][string];

const SEQUELIZE_DATE = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(Z|[+-]\d\d:?\d\d)?$/;

/**
 * Raw queries skip Sequelize's per-dialect parsing: SQLite hands back dates as the strings
 * Sequelize wrote ("2024-05-01 10:00:00.000 +00:00") and booleans as 0/1, MySQL JSON as text.
 * These readers give every dialect the same JavaScript values.
 */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  const match = SEQUELIZE_DATE.exec(text);
  return new Date(match ? `${match[1]}T${match[2]}${match[3] ?? 'Z'}` : text);
}

function readBoolean(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '1' || value.toLowerCase() === 'true';
  return Boolean(value);
}

function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const identity = (value: unknown): unknown => value ?? null;

function readerFor(attribute: Attribute): (value: unknown) => unknown {
  switch ((attribute.type as { key?: string }).key) {
    case 'DATE':
      return readDate;
    case 'BOOLEAN':
      return readBoolean;
    case 'JSON':
    case 'JSONB':
      return readJson;
    default:
      return identity;
  }
}

const newUuid = (): string => globalThis.crypto.randomUUID();

/** How Sequelize's own `build()` would fill the attribute, or 'unsupported' for database-side defaults. */
function defaultFor(attribute: Attribute): Column['defaultValue'] | 'unsupported' {
  const value: unknown = attribute.defaultValue;
  if (value === undefined) return undefined;
  if (value instanceof DataTypes.UUIDV4 || value instanceof DataTypes.UUIDV1 || value === DataTypes.UUIDV4 || value === DataTypes.UUIDV1) return newUuid;
  if (value instanceof DataTypes.NOW || value === DataTypes.NOW) return () => new Date();
  if (typeof value === 'function') return value as () => unknown;
  // fn(), literal() and friends are evaluated by the database: only Sequelize's own path knows them.
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value)) return 'unsupported';
  return () => value;
}

export interface ModelShape {
  readonly columns: readonly Column[];
  /** Attributes Sequelize stamps with the current time itself (`timestamps: true`). */
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  /**
   * True when a plain query does exactly what Sequelize's model methods would: no hooks,
   * validators, setters, getters, virtual attributes or database-side defaults to honour.
   */
  readonly plain: boolean;
}

function hasEntries(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  return Object.values(value).some((entry) => (Array.isArray(entry) ? entry.length > 0 : Boolean(entry)));
}

/** The stored columns of `model`, every one of them written and returned. */
export function describeModel(model: ModelStatic<Model>): ModelShape {
  const columns: Column[] = [];
  let plain =
    !hasEntries(model.options.hooks) &&
    !hasEntries((model.sequelize as unknown as { options?: { hooks?: unknown } } | undefined)?.options?.hooks) &&
    !hasEntries(model.options.validate) &&
    !hasEntries(model.options.getterMethods) &&
    !hasEntries(model.options.setterMethods);
  // Sequelize keeps the names of a model's timestamp attributes here (false when switched off).
  const stamps = (model as unknown as { _timestampAttributes?: Record<string, string | undefined> })._timestampAttributes ?? {};
  // Soft deletes (`paranoid`) change what every query must see: leave those to Sequelize.
  if (model.options.paranoid || stamps['deletedAt']) plain = false;
  for (const [attribute, definition] of Object.entries(model.rawAttributes)) {
    if ((definition.type as { key?: string }).key === 'VIRTUAL') {
      plain = false;
      continue;
    }
    if (hasEntries(definition.validate) || definition.get || definition.set) plain = false;
    const defaultValue = defaultFor(definition);
    if (defaultValue === 'unsupported') plain = false;
    columns.push({
      generated: Boolean(definition.autoIncrement),
      uuid: (definition.type as { key?: string }).key === 'UUID',
      attribute,
      field: definition.field ?? attribute,
      read: readerFor(definition),
      defaultValue: defaultValue === 'unsupported' ? undefined : defaultValue,
    });
  }
  return { columns, plain, createdAt: stamps['createdAt'] || undefined, updatedAt: stamps['updatedAt'] || undefined };
}
