import {createContext, useContext, useEffect, useId, useState} from 'react';
import type {DescEnum, DescField, DescMessage} from '@bufbuild/protobuf';
import type {ScalarType} from '@bufbuild/protobuf';
import {fieldTypeLabel, parseScalar, scalarInput, scalarZero, type JsonObject, type JsonValue} from './schema';
import styles from './styles.module.css';

const testId = (path: string) => `request-builder-field-${path}`;

function asObject(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function without(object: JsonObject, key: string): JsonObject {
  const {[key]: _dropped, ...rest} = object;
  return rest;
}

interface ScalarProps {
  scalar: ScalarType;
  value: JsonValue | undefined;
  onChange(next: JsonValue | undefined): void;
  path: string;
  label: string;
  id?: string;
}

/**
 * Where a scalar input reports text that is not a value of its type, so the
 * builder can name it and hold Send: the field keeps the reader's text, and
 * the request keeps its last valid value, until the text parses.
 */
export const FieldProblems = createContext<(path: string, problem?: string) => void>(() => {});

function problemOf(scalar: ScalarType, text: string): string | undefined {
  try {
    parseScalar(scalar, text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** One scalar as an input; numbers keep the reader's text until it parses. */
function ScalarEditor({scalar, value, onChange, path, label, id}: ScalarProps) {
  const kind = scalarInput(scalar);
  const shown = value === undefined || value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  const report = useContext(FieldProblems);
  const problemId = useId();
  const problem = kind === 'bool' ? undefined : problemOf(scalar, text);
  useEffect(() => {
    // Follow outside changes (a list item shifting up) without fighting the typist.
    setText((current) => {
      try {
        return String(parseScalar(scalar, current) ?? '') === shown ? current : shown;
      } catch {
        return shown;
      }
    });
  }, [shown, scalar]);
  useEffect(() => {
    report(path, problem);
    return () => report(path, undefined);
  }, [report, path, problem]);

  if (kind === 'bool') {
    return (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        onChange={(event) => onChange(event.target.checked ? true : undefined)}
        aria-label={id ? undefined : label}
        data-testid={testId(path)}
      />
    );
  }
  return (
    <span className={styles.scalar}>
      <input
        id={id}
        type="text"
        inputMode={kind === 'integer' || kind === 'int64' ? 'numeric' : kind === 'decimal' ? 'decimal' : undefined}
        value={text}
        placeholder={kind === 'bytes' ? 'base64' : kind === 'text' ? '' : '0'}
        onChange={(event) => {
          setText(event.target.value);
          if (!problemOf(scalar, event.target.value)) onChange(parseScalar(scalar, event.target.value));
        }}
        aria-label={id ? undefined : label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        spellCheck={false}
        autoComplete="off"
        data-testid={testId(path)}
      />
      {problem && (
        <span id={problemId} className={styles.fieldProblem} data-testid={testId(`${path}-problem`)}>
          {problem}
        </span>
      )}
    </span>
  );
}

function EnumEditor({
  desc,
  value,
  onChange,
  path,
  id,
}: {
  desc: DescEnum;
  value: JsonValue | undefined;
  onChange(next: JsonValue | undefined): void;
  path: string;
  id?: string;
}) {
  return (
    <select
      id={id}
      value={typeof value === 'string' ? value : desc.values[0]?.name}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId(path)}
    >
      {desc.values.map((entry) => (
        <option key={entry.number} value={entry.name}>
          {entry.name}
        </option>
      ))}
    </select>
  );
}

interface ElementProps {
  field: DescField;
  value: JsonValue | undefined;
  onChange(next: JsonValue | undefined): void;
  path: string;
  label: string;
  depth: number;
  id?: string;
}

/** One element of a list or map, or a singular field: by its kind. */
function ElementEditor({field, value, onChange, path, label, depth, id}: ElementProps) {
  const kind =
    field.fieldKind === 'list' ? field.listKind : field.fieldKind === 'map' ? field.mapKind : field.fieldKind;
  if (kind === 'message' && field.message) {
    return (
      <MessageEditor desc={field.message} value={asObject(value)} onChange={onChange} path={path} depth={depth + 1} />
    );
  }
  if (kind === 'enum' && field.enum)
    return <EnumEditor desc={field.enum} value={value} onChange={onChange} path={path} id={id} />;
  return <ScalarEditor scalar={field.scalar!} value={value} onChange={onChange} path={path} label={label} id={id} />;
}

function zeroOf(field: DescField): JsonValue {
  const kind =
    field.fieldKind === 'list' ? field.listKind : field.fieldKind === 'map' ? field.mapKind : field.fieldKind;
  if (kind === 'message') return {};
  if (kind === 'enum') return field.enum?.values[0]?.name ?? 0;
  return scalarZero(field.scalar!);
}

function FieldRow({
  field,
  value,
  onChange,
  path,
  depth,
}: {
  field: DescField;
  value: JsonValue | undefined;
  onChange(next: JsonValue | undefined): void;
  path: string;
  depth: number;
}) {
  const id = useId();
  const typeLabel = <span className={styles.fieldType}>{fieldTypeLabel(field)}</span>;
  const name = <span className={styles.fieldName}>{field.name}</span>;

  if (field.fieldKind === 'list') {
    const items = Array.isArray(value) ? value : [];
    const set = (next: JsonValue[]) => onChange(next.length ? next : undefined);
    return (
      <div className={styles.fieldBlock} data-field={path}>
        <div className={styles.fieldHead}>
          {name} {typeLabel}
          <button
            type="button"
            className={styles.add}
            onClick={() => set([...items, zeroOf(field)])}
            data-testid={testId(`${path}-add`)}
          >
            + item
          </button>
        </div>
        {items.length === 0 && <div className={styles.empty}>empty</div>}
        {items.map((item, index) => (
          <div key={index} className={styles.item}>
            <span className={styles.index}>[{index}]</span>
            <div className={styles.itemBody}>
              <ElementEditor
                field={field}
                value={item}
                onChange={(next) => set(items.map((old, at) => (at === index ? (next ?? zeroOf(field)) : old)))}
                path={`${path}.${index}`}
                label={`${field.name}[${index}]`}
                depth={depth}
              />
            </div>
            <button
              type="button"
              className={styles.remove}
              onClick={() => set(items.filter((_, at) => at !== index))}
              aria-label={`Remove ${field.name}[${index}]`}
            >
              ✕
            </button>
          </div>
        ))}
      </div>
    );
  }

  if (field.fieldKind === 'map') {
    const entries = Object.entries(asObject(value));
    const set = (next: Array<[string, JsonValue]>) => onChange(next.length ? Object.fromEntries(next) : undefined);
    return (
      <div className={styles.fieldBlock} data-field={path}>
        <div className={styles.fieldHead}>
          {name} {typeLabel}
          <button
            type="button"
            className={styles.add}
            onClick={() => {
              let key = 'key';
              for (let n = 2; entries.some(([existing]) => existing === key); n++) key = `key${n}`;
              set([...entries, [key, zeroOf(field)]]);
            }}
            data-testid={testId(`${path}-add`)}
          >
            + entry
          </button>
        </div>
        {entries.length === 0 && <div className={styles.empty}>empty</div>}
        {entries.map(([key, entryValue], index) => (
          <div key={index} className={styles.item}>
            <input
              className={styles.mapKey}
              value={key}
              onChange={(event) =>
                set(entries.map((entry, at) => (at === index ? [event.target.value, entry[1]] : entry)))
              }
              aria-label={`${field.name} key ${index + 1}`}
              spellCheck={false}
              data-testid={testId(`${path}.${index}.key`)}
            />
            <span className={styles.arrow} aria-hidden="true">
              →
            </span>
            <div className={styles.itemBody}>
              <ElementEditor
                field={field}
                value={entryValue}
                onChange={(next) =>
                  set(entries.map((entry, at) => (at === index ? [entry[0], next ?? zeroOf(field)] : entry)))
                }
                path={`${path}.${index}.value`}
                label={`${field.name}[${key}]`}
                depth={depth}
              />
            </div>
            <button
              type="button"
              className={styles.remove}
              onClick={() => set(entries.filter((_, at) => at !== index))}
              aria-label={`Remove ${field.name} entry ${key}`}
            >
              ✕
            </button>
          </div>
        ))}
      </div>
    );
  }

  if (field.fieldKind === 'message') {
    const present = value !== undefined;
    return (
      <div className={styles.fieldBlock} data-field={path}>
        <div className={styles.fieldHead}>
          {name} {typeLabel}
          <button
            type="button"
            className={present ? styles.remove : styles.add}
            onClick={() => onChange(present ? undefined : {})}
            aria-label={present ? `Clear ${field.name}` : `Set ${field.name}`}
            data-testid={testId(`${path}-toggle`)}
          >
            {present ? '✕ clear' : '+ set'}
          </button>
        </div>
        {present && (
          <MessageEditor
            desc={field.message}
            value={asObject(value)}
            onChange={onChange}
            path={path}
            depth={depth + 1}
          />
        )}
      </div>
    );
  }

  return (
    <div className={styles.fieldLine} data-field={path}>
      <label htmlFor={id}>
        {name} {typeLabel}
      </label>
      <ElementEditor
        field={field}
        value={value}
        onChange={onChange}
        path={path}
        label={field.name}
        depth={depth}
        id={id}
      />
    </div>
  );
}

interface MessageProps {
  desc: DescMessage;
  value: JsonObject;
  onChange(next: JsonObject): void;
  path?: string;
  depth?: number;
}

/** A form for one message type, walked from its descriptor's fields. */
export default function MessageEditor({desc, value, onChange, path = '', depth = 0}: MessageProps) {
  return (
    <div className={depth ? styles.nested : styles.message} data-message={desc.typeName}>
      {desc.fields.map((field) => (
        <FieldRow
          key={field.number}
          field={field}
          value={value[field.jsonName]}
          onChange={(next) =>
            onChange(next === undefined ? without(value, field.jsonName) : {...value, [field.jsonName]: next})
          }
          path={path ? `${path}.${field.jsonName}` : field.jsonName}
          depth={depth}
        />
      ))}
    </div>
  );
}
