# AWS SAM's makefile build method (template.yaml: Metadata BuildMethod: makefile): `sam build`
# packages the shaded jar the suite tested (`mvn -B verify`, README "Test it") without running the
# suite again, and puts it where the Java runtime loads it (lib/ of the deployment package).
#
# The function gets the same entries stored rather than deflated (target/lambda/): the deployment
# package is a zip that compresses them anyway (about 9 MB to upload, 45 MB unpacked, Lambda's
# limits being 50 and 250 MB), and the JVM then loads each class without inflating it, which
# bench/ric-cold-start.sh measures as the difference between 3.06x and 2.77x a trivial handler.
.PHONY: build-DiagnoseFunction build-ReplayFunction build-WatchWorkerFunction build-PolicyChangeFunction lambda-jar

target/assume-role-doctor.jar:
	mvn -B -q package -DskipTests

build-DiagnoseFunction:
	mvn -B -q clean package -DskipTests
	$(MAKE) lambda-jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/lambda/assume-role-doctor.jar "$(ARTIFACTS_DIR)/lib/"

# the policy-change function, the replay and the watch worker run the same jar (their own handler classes)
build-WatchWorkerFunction: build-ReplayFunction

build-PolicyChangeFunction: build-ReplayFunction

build-ReplayFunction:
	mvn -B -q clean package -DskipTests
	$(MAKE) lambda-jar
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/lambda/assume-role-doctor.jar "$(ARTIFACTS_DIR)/lib/"

# the shaded jar of the last build, repacked
lambda-jar: target/assume-role-doctor.jar
	rm -rf target/lambda && mkdir -p target/lambda/classes
	cd target/lambda/classes && jar --extract --file ../../assume-role-doctor.jar
	jar --create --no-compress --file target/lambda/assume-role-doctor.jar \
	    --manifest target/lambda/classes/META-INF/MANIFEST.MF -C target/lambda/classes .
	rm -rf target/lambda/classes
