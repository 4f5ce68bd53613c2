# AWS SAM's makefile build method (template.yaml: Metadata BuildMethod: makefile): `sam build`
# packages the shaded jar the suite tested (`mvn -B verify`, README "Test it") without running the
# suite again, and puts it where the Java runtime loads it (lib/ of the deployment package).
.PHONY: build-DiagnoseFunction

build-DiagnoseFunction:
	mvn -B -q clean package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/assume-role-doctor.jar "$(ARTIFACTS_DIR)/lib/"
