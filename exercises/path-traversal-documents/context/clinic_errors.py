"""Errors the clinic web layer turns into HTTP responses."""


class DocumentNotFound(Exception):
    """The requested document does not exist for this patient. The web layer answers 404.

    Use it for every refused download (missing file, folder, or a path outside the patient's
    documents): a 404 tells an attacker nothing about what exists elsewhere on the server.
    """
