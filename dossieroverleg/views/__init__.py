"""The staff pages of the dossier app, one module per subject: ``dossier`` (the list, a
dossier and every action on it), ``overleg`` (the Dossieroverleg), ``termijnen`` (the
deadline overview and calendar feed), ``portaal`` (the municipality portal) and
``handhaving`` (the area that holds them). Thin: forms, one service call, selectors."""
