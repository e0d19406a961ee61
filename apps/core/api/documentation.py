"""What the API's OpenAPI schema says beyond the code, for ``SPECTACULAR_SETTINGS``.

Plain text and dotted paths, nothing imported: the settings read this module.
"""

# At the top of the schema and of the documentation pages.
API_DESCRIPTION = (
    "Records of military training delivered under international cooperation programmes. "
    "Bilingual values follow Accept-Language or ?lang=en|fr; detail views give both. "
    "Lists also come as CSV (?format=csv): UTF-8 with a byte order mark (for Excel), the "
    "same columns whether the page is empty or not, related records as dotted columns, "
    "lists of them one column per field with the values separated by '; '. Actions "
    "(issue, revoke, supersede) refuse query parameters they do not read, except format "
    "and lang."
)

# Several models share field names ("kind", "status"): each choice set is named once.
ENUM_NAME_OVERRIDES = {
    "CountryEnum": "django_countries.countries",
    "DatePrecisionEnum": "apps.core.dates.DatePrecision",
    "OrganisationKindEnum": "apps.organisations.models.OrganisationKind",
    "ProgrammeKindEnum": "apps.programmes.models.ProgrammeKind",
    "ProgrammeStatusEnum": "apps.programmes.models.ProgrammeStatus",
    "CourseStatusEnum": "apps.courses.models.CourseStatus",
    "CoursePartKindEnum": "apps.courses.models.CoursePartKind",
    "EnrolmentStatusEnum": "apps.enrolments.models.EnrolmentStatus",
    "CertificateStatusEnum": "apps.certificates.models.CertificateStatus",
    "PdfStatusEnum": "apps.certificates.models.PdfStatus",
    "SourceKindEnum": "apps.sources.models.SourceKind",
}
