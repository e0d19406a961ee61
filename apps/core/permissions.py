"""Which permissions each certificate operation needs: one rule for the admin and the API.

Each operation also answers or shows certificates, so each needs the view permission too.
"""

VIEW_CERTIFICATES: tuple[str, ...] = ("certificates.view_certificate",)
ISSUE_CERTIFICATES: tuple[str, ...] = ("certificates.add_certificate", *VIEW_CERTIFICATES)
CHANGE_CERTIFICATES: tuple[str, ...] = ("certificates.change_certificate", *VIEW_CERTIFICATES)
