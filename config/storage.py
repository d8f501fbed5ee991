"""Static files as the browser should get them from the app itself (WhiteNoise): names
with a hash of their content, compressed (gzip and Brotli where available), cached for a
year, so that a browser fetches nothing it already has and a new release is fetched anew.

viewflow's material stylesheets name font files its package does not ship; the manifest
storage refuses those when it rewrites the references. They are left as they are (the
browser then asks for a file that is not there, as it did before), and a name the
manifest does not know is served unhashed instead of failing the page.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            return name
