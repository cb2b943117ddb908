"""Every change to training goes through these modules, one per feature: programmes,
enrolments, attendance, assessments, completion, feedback, and personal data."""
