# Transforms a SAM template into CloudFormation with the installed aws-sam-translator, as `sam deploy` would:
# local CodeUri values become S3 URIs (what `sam package` does) and parameters take their defaults.
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicyNames:
    """SAM asks IAM for managed policy names only for bare names in Policies; ARNs need no lookup."""

    def load(self):
        return {}


def packaged(properties):
    if isinstance(properties, dict) and isinstance(properties.get("CodeUri"), str) \
            and not properties["CodeUri"].startswith("s3://"):
        properties["CodeUri"] = "s3://local-artifacts/" + properties["CodeUri"]


with open(sys.argv[1]) as f:
    template = yaml_parse(f.read())
packaged(template.get("Globals", {}).get("Function"))
for resource in template.get("Resources", {}).values():
    if resource.get("Type") == "AWS::Serverless::Function":
        packaged(resource.get("Properties"))
parameters = {name: p["Default"] for name, p in template.get("Parameters", {}).items() if "Default" in p}
json.dump(transform(template, parameters, NoManagedPolicyNames()), sys.stdout)
