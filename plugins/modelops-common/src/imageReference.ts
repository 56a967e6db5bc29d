/**
 * Container image references, read and checked in one place: the digest a run reports or an
 * artifact URI is pinned to, whether a pod ran the image a build produced, and whether a
 * repository a user types into a template can be pushed to.
 */

const DIGEST = /sha256:[a-f0-9]{64}/;
const PINNED = /@(sha256:[a-f0-9]{64})/;

/** The first `sha256:<64 hex>` in a string. @public */
export function findDigest(text: string | undefined): string | undefined {
  return text ? DIGEST.exec(text)?.[0] : undefined;
}

/** The digest an image reference is pinned to (`repo@sha256:...`), if it is. @public */
export function pinnedDigest(reference: string): string | undefined {
  return PINNED.exec(reference)?.[1];
}

/**
 * The digest of an image reference or of a container's `imageID`: the pinned digest, else a
 * digest the value ends with (`docker-pullable://repo@sha256:...`, `sha256:...`).
 * @public
 */
export function imageDigest(image: string): string | undefined {
  return pinnedDigest(image) ?? /(sha256:[a-f0-9]{64})$/.exec(image)?.[1];
}

/** Repository and tag of an image reference, without digest or the runtime's `docker-pullable://`. */
function withoutDigest(image: string): string {
  return image
    .replace(/^docker-pullable:\/\//, '')
    .replace(/@sha256:[a-f0-9]{64}$/, '');
}

/**
 * True when a container ran the image that was built: the same digest when both have one,
 * otherwise the same repository and tag. Unknown (no image read) counts as the same.
 * @public
 */
export function sameImage(
  built: string,
  ran: { image?: string; imageID?: string },
): boolean {
  const builtDigest = imageDigest(built);
  const ranDigest =
    (ran.imageID && imageDigest(ran.imageID)) ??
    (ran.image && imageDigest(ran.image));
  if (builtDigest && ranDigest) return builtDigest === ranDigest;
  if (!ran.image) return true;
  return withoutDigest(built) === withoutDigest(ran.image);
}

/**
 * An image repository without tag or digest: `host[:port]/path`, lower case, e.g.
 * `quay.io/private-ai/mistral-small-24b-instruct`. The run adds `:<version-name>`.
 * Undefined when fine, else what is wrong.
 * @public
 */
export function checkImageRepository(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'is required';
  if (/\s/.test(value)) return 'must not contain spaces';
  if (/[@]/.test(value))
    return 'must not contain a digest; the run pushes by tag and checks the digest itself';
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const path = slash < 0 ? value : value.slice(slash + 1);
  if (
    !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?$/.test(host) ||
    (!host.includes('.') && !host.includes(':') && host !== 'localhost')
  ) {
    return `must start with a registry host, e.g. quay.io/<org>/<name> (got "${value}")`;
  }
  if (
    !/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/.test(path)
  ) {
    if (/:[^/]*$/.test(path))
      return 'must not contain a tag; the run tags the image with the version name';
    return 'the repository path must be lower case letters, digits and single "-", "_", "." separators between "/"';
  }
  if (value.length > 200) return 'must be at most 200 characters';
  return undefined;
}
