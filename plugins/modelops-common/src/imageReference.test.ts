import {
  checkImageRepository,
  findDigest,
  imageDigest,
  pinnedDigest,
  sameImage,
} from './imageReference';

const BUILT =
  'sha256:4f0c8b3e9d2a6f1b7c5e8a0d3b6f9c2e5a8d1b4f7c0e3a6d9b2f5c8e1a4d7b0f';
const OTHER =
  'sha256:9a1d4c7f0b3e6a9d2c5f8b1e4a7d0c3f6b9e2a5d8c1f4b7e0a3d6c9f2b5e8a1d';
const INTERNAL =
  'image-registry.openshift-image-registry.svc:5000/notebook-validation/anomaly-detection';

describe('image references', () => {
  it('finds the digest in artifact URIs and log text', () => {
    expect(
      findDigest(
        `oci://quay.io/private-ai/mistral-small-24b-instruct@${BUILT}`,
      ),
    ).toBe(BUILT);
    expect(findDigest(`Digest: ${BUILT}\n`)).toBe(BUILT);
    expect(findDigest('oci://quay.io/private-ai/m:latest')).toBeUndefined();
    expect(findDigest('sha256:abc')).toBeUndefined();
    expect(findDigest(undefined)).toBeUndefined();
  });

  it('reads the pinned digest only after "@"', () => {
    expect(pinnedDigest(`quay.io/private-ai/m@${BUILT}`)).toBe(BUILT);
    expect(pinnedDigest(BUILT)).toBeUndefined();
    expect(imageDigest(BUILT)).toBe(BUILT);
    expect(imageDigest(`docker-pullable://${INTERNAL}@${BUILT}`)).toBe(BUILT);
    expect(imageDigest(`${INTERNAL}:latest`)).toBeUndefined();
  });

  it('tells whether a pod ran the built image', () => {
    const built = `${INTERNAL}:latest`;
    // Digests decide when both sides have one.
    expect(
      sameImage(`${INTERNAL}@${BUILT}`, {
        image: built,
        imageID: `docker-pullable://${INTERNAL}@${BUILT}`,
      }),
    ).toBe(true);
    expect(
      sameImage(`${INTERNAL}@${BUILT}`, {
        image: built,
        imageID: `docker-pullable://${INTERNAL}@${OTHER}`,
      }),
    ).toBe(false);
    // Else repository and tag.
    expect(sameImage(built, { image: built })).toBe(true);
    expect(
      sameImage(built, {
        image:
          'image-registry.openshift-image-registry.svc:5000/redhat-ods-applications/s2i-generic-data-science-notebook:2024.2',
      }),
    ).toBe(false);
    // Nothing read about the pod's image: no mismatch to report.
    expect(sameImage(built, {})).toBe(true);
  });

  it('accepts pushable repositories and says what is wrong with others', () => {
    expect(
      checkImageRepository('quay.io/private-ai/mistral-small-24b-instruct'),
    ).toBeUndefined();
    expect(
      checkImageRepository(
        'image-registry.openshift-image-registry.svc:5000/private-ai/mistral',
      ),
    ).toBeUndefined();
    expect(checkImageRepository('localhost/private-ai/m')).toBeUndefined();
    expect(checkImageRepository('')).toBe('is required');
    expect(checkImageRepository('quay.io/private-ai/mistral:latest')).toMatch(
      /must not contain a tag/,
    );
    expect(checkImageRepository(`quay.io/private-ai/m@${BUILT}`)).toMatch(
      /must not contain a digest/,
    );
    expect(checkImageRepository('private-ai/mistral')).toMatch(/registry host/);
    expect(checkImageRepository('quay.io/Private/Mistral')).toMatch(
      /lower case/,
    );
    expect(checkImageRepository('quay.io/a b')).toBe('must not contain spaces');
    expect(checkImageRepository(`quay.io/${'a'.repeat(200)}`)).toBe(
      'must be at most 200 characters',
    );
  });
});
