# British English, as NATO writes it and as the certificates and pages write their dates
# ("29 November 2026"), instead of Django's American "Nov. 29, 2026". French uses Django's
# own formats ("29 novembre 2026").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
