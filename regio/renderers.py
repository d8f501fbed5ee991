"""Form renderers for viewflow's Material forms where its own web components fall short.

viewflow 2.4 maps ``CheckboxSelectMultiple`` to ``<vf-field-checkbox-select>``, an element
its JavaScript never defines: the field is drawn 0x0 pixels, its error message exists only
inside an attribute, and a required list of measures cannot be filled in. This renderer
draws the list as plain checkboxes in a fieldset, with its label, a mark when the field is
required and the error message as visible text beside it (``settings.VIEWFLOW``).
"""

from xml.etree import ElementTree

from django.utils.translation import gettext as _
from viewflow.forms.renderers import WidgetRenderer

BOX = "display:flex;align-items:center;gap:8px;margin:4px 0;font-size:1rem;cursor:pointer"
ERROR = "color:#b00020;margin:4px 0 0;font-size:.875rem"


class CheckboxListRenderer(WidgetRenderer):
    tag = "fieldset"

    def create_root(self, context):
        widget = context["widget"]
        field = self.bound_field
        error_id = f"{widget['attrs'].get('id', widget['name'])}_fout"
        attrs = {"class": "hh-checkbox-list", "style": "border:0;margin:0 0 16px;padding:0"}
        if field.errors:
            attrs["aria-describedby"] = error_id
            attrs["aria-invalid"] = "true"
        root = ElementTree.SubElement(self.root, "fieldset", attrs)
        legend = ElementTree.SubElement(
            root, "legend", {"style": "font-size:.875rem;color:rgba(0,0,0,.6);padding:0"}
        )
        legend.text = str(field.label or "")
        if field.field.required:
            legend.text += " *"
            legend.set("title", _("verplicht"))
        selected = {str(value) for value in (widget["value"] or [])}
        for _group, options, _index in widget["optgroups"]:
            for option in options:
                label = ElementTree.SubElement(root, "label", {"style": BOX})
                box = {
                    "type": "checkbox",
                    "name": widget["name"],
                    "value": str(option["value"]),
                    "id": option["attrs"].get("id", ""),
                    "style": "width:18px;height:18px",
                }
                if str(option["value"]) in selected:
                    box["checked"] = "checked"
                ElementTree.SubElement(label, "input", box).tail = str(option["label"])
        if field.errors:
            error = ElementTree.SubElement(
                root, "p", {"id": error_id, "class": "hh-field-error", "style": ERROR}
            )
            error.text = " ".join(str(message) for message in field.errors)
        return root
